/**
 * The NHS "contents list" pattern at the top of a long page: a link to each of its
 * sections' headings (by id), so nobody has to scroll through the whole page to find one.
 */
export function ContentsList({ sections }: { sections: { id: string; text: string }[] }) {
  return (
    <nav className="nhsuk-contents-list" aria-label="Sections of this page">
      <h2 className="nhsuk-u-visually-hidden">Contents</h2>
      <ol className="nhsuk-contents-list__list">
        {sections.map((s) => (
          <li className="nhsuk-contents-list__item" key={s.id}>
            <a className="nhsuk-contents-list__link" href={`#${s.id}`}>
              {s.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
