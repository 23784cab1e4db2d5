/**
 * The chartjs-plugin-zoom plugin. Charts that want zoom list it in their own `plugins`, so no
 * other chart pays for it; importing it also types the `zoom` options and `resetZoom()`.
 */
import zoomPlugin from 'chartjs-plugin-zoom';

export { zoomPlugin };
