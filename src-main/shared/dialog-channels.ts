/**
 * Requests only a desktop window can answer with a native dialog: the Electron layer handles
 * them before the service, and the browser host says they do not exist there.
 */
export const DIALOG_CHANNELS = [
  'dialog.openDataFile',
  'dialog.openDataFolder',
  'dialog.chooseFolder',
  'dialog.saveFile',
  'dialog.openProject',
  'dialog.openKerasModel',
] as const;

export type DialogChannel = (typeof DIALOG_CHANNELS)[number];

/** Whether a request channel is one of the native dialogs. */
export function isDialogChannel(name: string): name is DialogChannel {
  return (DIALOG_CHANNELS as readonly string[]).includes(name);
}
