/**
 * Project Gutenberg ebooks, the texts most often downloaded to train a character model on, wrap
 * the book in a header (title, release dates, producer) and a licence of some 350 lines. A corpus
 * read from such a file keeps only the book: the lines between the "*** START OF THE PROJECT
 * GUTENBERG EBOOK … ***" and "*** END OF THE PROJECT GUTENBERG EBOOK … ***" markers (older files
 * say THIS and EBOOK or E-BOOK). A file without the start marker is read whole.
 */

const START = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b/i;
const END = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b/i;
/** The start marker is near the top: a later line naming it is part of the book (or a quotation). */
const START_WITHIN = 400;

export interface EbookFrame {
  /** The lines of the book itself. */
  lines: string[];
  /** How many lines were left out before and after it. */
  header: number;
  footer: number;
}

/** The book inside a Project Gutenberg file's markers, or null when `lines` are no such file. */
export function ebookFrame(lines: string[]): EbookFrame | null {
  const start = lines.slice(0, START_WITHIN).findIndex((l) => START.test(l));
  if (start < 0) return null;
  const after = lines.slice(start + 1).findIndex((l) => END.test(l));
  const end = after < 0 ? lines.length : start + 1 + after;
  const book = lines.slice(start + 1, end);
  // Markers with nothing between them: not a book to train on, so the file is read as it is.
  if (!book.some((l) => l.trim() !== '')) return null;
  return { lines: book, header: start + 1, footer: lines.length - end };
}
