/** The product version, shown in the app and by `recurrent --version`. Kept in step with package.json by a test. */
export const APP_VERSION = '0.1.0';
