/**
 * A file's bytes as one upload message: refused before reading when it is over the upload
 * limit, so a large file never leaves the page (and never reaches the server's socket limit).
 */
import { StudioError } from '../../src-main/shared/contract';
import { MAX_UPLOAD_BYTES, uploadTooLargeMessage } from '../../src-main/shared/upload-limit';

/** Throws a StudioError naming the limit and the remedy when `file` is too large to upload. */
export function checkUploadSize(file: Pick<File, 'name' | 'size'>): void {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new StudioError({ code: 'bad-data', message: uploadTooLargeMessage(file.name, file.size) });
  }
}

/** The file's bytes as base64 (no data-URL prefix), after the size check. */
export async function uploadBase64(file: File): Promise<string> {
  checkUploadSize(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new StudioError({ code: 'io', message: `The file "${file.name}" could not be read.` });
  }
  // Chunked so large files do not overflow the argument limit of String.fromCharCode.
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** A chosen folder as one upload message: its name and its files, paths relative to it. */
export interface FolderUpload {
  folderName: string;
  files: { path: string; contentBase64: string }[];
}

/**
 * The files of a folder the browser's folder chooser returned, as one upload: refused before
 * reading when together they are over the upload limit, since they travel in one message.
 */
export async function uploadFolder(files: File[]): Promise<FolderUpload> {
  const first = files[0]?.webkitRelativePath.split('/')[0];
  const folderName = first || 'folder';
  checkUploadSize({ name: folderName, size: files.reduce((sum, f) => sum + f.size, 0) });
  const uploads: FolderUpload['files'] = [];
  for (const file of files) {
    // "reviews/pos/a.txt" is "pos/a.txt" inside the folder; files chosen one by one have no folder.
    const path = file.webkitRelativePath ? file.webkitRelativePath.split('/').slice(1).join('/') : file.name;
    uploads.push({ path: path || file.name, contentBase64: await uploadBase64(file) });
  }
  return { folderName, files: uploads };
}
