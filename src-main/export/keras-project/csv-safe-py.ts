/**
 * The app's CSV cell rule (src-main/model-use/csv-safe.ts) in Python, for the files a training
 * project writes: a cell a spreadsheet would run as a formula gets a leading apostrophe.
 */

export const CSV_SAFE_PY = String.raw`
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell's text, neutralized against spreadsheet formulas; plain numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return repr(value) if math.isfinite(value) else ""
    text = str(value)
    if text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            text = "'" + text
    return text
`;
