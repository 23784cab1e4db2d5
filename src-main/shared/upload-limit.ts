/**
 * How large a file may be when its bytes travel as one message (a browser upload or a dropped
 * file). Files chosen with the desktop's file dialog are read by path and have no such limit.
 * The UI states this limit, checks it before sending, and main checks it again on arrival.
 */

/** The largest file one upload carries. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** The limit as users read it. */
export const UPLOAD_LIMIT_LABEL = '100 MB';

/**
 * The largest WebSocket message the browser host accepts: one upload in base64 (4 bytes per
 * 3) plus room for the file name and the request's JSON around it.
 */
export const MAX_SOCKET_MESSAGE_BYTES = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 64 * 1024;

/** The sentence shown when a file is over the limit, with what to do instead. */
export function uploadTooLargeMessage(fileName: string, sizeBytes: number): string {
  const mb = (sizeBytes / (1024 * 1024)).toFixed(sizeBytes < 10 * 1024 * 1024 ? 1 : 0);
  return (
    `"${fileName}" is ${mb} MB; uploads are limited to ${UPLOAD_LIMIT_LABEL}. ` +
    'Open large files with the desktop app or the recurrent command line, which read them from disk.'
  );
}
