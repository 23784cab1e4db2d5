/** The CSV reader of the bundles' predict.cjs scripts (no dependency beyond Node). */

export const READ_CSV_JS = String.raw`/** CSV text -> column name -> cell texts (quoted cells may hold commas, quotes and line breaks). */
function readCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows[rows.length - 1].push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows[rows.length - 1].push(cell), (cell = ''), rows.push([]);
    } else cell += c;
  }
  rows[rows.length - 1].push(cell);
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  const cells = {};
  header.forEach((name, c) => (cells[name.replace(/^\uFEFF/, '').trim()] = body.map((r) => r[c] ?? '')));
  return cells;
}
`;
