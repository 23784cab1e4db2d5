/**
 * Boots the renderer: asks the host for the API object (Electron preload or browser host),
 * installs it, then mounts the app. No component ever learns which host it runs in.
 */
// Must stay the first import: it configures zod before any shared schema is built.
import './csp-safe-zod';
import './styles/cards-and-fields.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setStudioApi } from './composables/use-studio-api';
import { resolveStudioApi } from './host/index';

async function boot(): Promise<void> {
  try {
    setStudioApi(await resolveStudioApi());
  } catch (error) {
    showBootError(error);
    return;
  }
  createApp(App).use(createPinia()).mount('#app');
}

/** Without an API nothing works: say so plainly instead of showing an empty window. */
function showBootError(error: unknown): void {
  const root = document.getElementById('app');
  if (!root) return;
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'error-message');
  box.style.cssText = 'margin:48px auto;max-width:560px;font:14px system-ui,sans-serif;line-height:1.5';
  const title = document.createElement('strong');
  title.textContent = 'Recurrent Studio could not connect to its engine.';
  const detail = document.createElement('p');
  detail.textContent = error instanceof Error ? error.message : String(error);
  box.append(title, detail);
  root.replaceChildren(box);
}

void boot();
