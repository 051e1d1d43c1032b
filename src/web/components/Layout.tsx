import type { ReactNode } from 'react';
import { oglAttribution, oglUrl } from '../../core/open-government-licence.ts';
import { allocators, holdsOneOf, populationReaders } from '../../core/roles.ts';
import type { User } from '../types.ts';
import { Link } from './Link.tsx';
import { Navigation, type Section } from './Navigation.tsx';

const nhsLogoPath =
  'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

const sections: (Section & { shownTo?: (user: User) => boolean })[] = [
  { href: '/', text: 'Home' },
  { href: '/explorer', text: 'System explorer' },
  { href: '/arrangements', text: 'Arrangements' },
  // Only roles the server lets allocate see the allocation form at all.
  { href: '/allocation', text: 'Place allocation', shownTo: (user) => holdsOneOf(user.roles, allocators) },
  { href: '/ics', text: 'ICS operating model' },
  { href: '/contracts', text: 'Contracts' },
  // A needs assessment of a named population is for those who commission or assure its care.
  {
    href: '/population',
    text: 'Population health',
    shownTo: (user) => holdsOneOf(user.roles, populationReaders),
  },
];

/** The header's sections for this user: only those their roles may use (src/core/roles.ts). */
const sectionsFor = (user: User): Section[] => sections.filter((s) => s.shownTo?.(user) ?? true);

/** Header, navigation, main and footer in the NHS design system's page template. */
export function Layout(props: {
  user: User | null;
  path: string;
  onSignOut: () => void;
  children: ReactNode;
}) {
  const { user, path } = props;
  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo" href="/" aria-label="NHS Concordat homepage">
              <svg
                className="nhsuk-header__logo"
                xmlns="http://www.w3.org/2000/svg"
                viewBox="0 0 200 80"
                height="40"
                width="100"
                focusable="false"
                role="img"
                aria-label="NHS"
              >
                <title>NHS</title>
                <path fill="currentcolor" d={nhsLogoPath} />
              </svg>
              <span className="nhsuk-header__service-name">Concordat</span>
            </Link>
          </div>
          {user && (
            <nav className="nhsuk-header__account" aria-label="Account">
              <ul className="nhsuk-header__account-list">
                <li className="nhsuk-header__account-item">{user.name}</li>
                <li className="nhsuk-header__account-item">
                  <button type="button" className="nhsuk-header__account-button" onClick={props.onSignOut}>
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
          )}
        </div>
        {user && <Navigation sections={sectionsFor(user)} path={path} />}
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {props.children}
        </main>
      </div>
      <footer className="nhsuk-footer" role="contentinfo">
        <div className="nhsuk-footer__container nhsuk-width-container">
          <div className="nhsuk-footer__meta">
            <p className="nhsuk-body-s">
              Concordat: integrated health and care commissioning for England. Not an NHS England service.
            </p>
          </div>
        </div>
      </footer>
    </>
  );
}

/** The Open Government Licence notice the NHS reference data must carry wherever it is shown. */
export function OglAttribution() {
  return (
    <p className="nhsuk-body-s" data-testid="ogl">
      Organisation data from NHS England and NHS Digital (Organisation Data Service). {oglAttribution}{' '}
      <a href={oglUrl}>About the Open Government Licence</a>
    </p>
  );
}
