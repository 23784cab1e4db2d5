/**
 * The browser's own file choosers: a web page gets files only by asking the user through an
 * `<input type="file">`, for one file or for a whole folder.
 */

/** Opens the browser's file chooser; resolves null when the user cancels. */
export function chooseFile(accept: string): Promise<File | null> {
  return choose((input) => (input.accept = accept)).then((files) => files[0] ?? null);
}

/**
 * Opens the browser's folder chooser; resolves the folder's files (each with its
 * `webkitRelativePath`, "folder/label/text.txt"), or an empty list when the user cancels.
 */
export function chooseFolder(): Promise<File[]> {
  return choose((input) => {
    input.webkitdirectory = true;
    input.multiple = true;
  });
}

function choose(configure: (input: HTMLInputElement) => void): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    configure(input);
    input.style.display = 'none';
    // Attached so every browser (and test driver) treats it as a regular file chooser.
    document.body.append(input);
    const finish = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => finish([]), { once: true });
    input.click();
  });
}
