/**
 * CSV as RFC 4180 has it: fields split by a delimiter, a quoted field may hold the delimiter,
 * doubled quotes and line breaks. One splitter serves whole texts (`parseCsv`) and files read a
 * line at a time (population/formats/text-input.ts).
 */

/**
 * Splits one record into fields; `open` is true when a quoted field runs on past the text's
 * end (the record continues on the next line). Text without quotes takes the fast path.
 */
export function splitCsvRecord(text: string, delimiter = ','): { fields: string[]; open: boolean } {
  if (!text.includes('"')) return { fields: text.split(delimiter), open: false };
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return { fields, open: quoted };
}

/**
 * Splits CSV text into rows of fields. Lines end with \n, \r\n or \r; a line break inside a
 * quoted field is kept as it was written. A byte-order mark and the final line break are ignored.
 */
export function parseCsv(text: string): string[][] {
  // Lines at even places, each followed by the line break that ended it.
  const parts = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/(\r\n|\n|\r)/);
  if (parts.at(-1) === '') parts.splice(-2);
  const rows: string[][] = [];
  let pending: string | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    const record = pending === undefined ? (parts[i] as string) : `${pending}${parts[i - 1]}${parts[i]}`;
    const { fields, open } = splitCsvRecord(record);
    pending = open ? record : undefined;
    if (!open) rows.push(fields);
  }
  if (pending !== undefined) rows.push(splitCsvRecord(pending).fields);
  return rows;
}
