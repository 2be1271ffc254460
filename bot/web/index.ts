/**
 * bot/web/ — the officials' chat page and the content-team console, as Fastify plugins with their static
 * files. They stand beside the Zalo channels over the runtime (bot/runtime/), which they import only
 * through its index.ts; nothing here imports the rest of bot/.
 */
export { webChatPlugin, type WebChatPluginOptions } from './chat-plugin.ts';
export { adminPlugin, type AdminPluginOptions } from './admin-plugin.ts';
export { consoleOffPlugin } from './console-off.ts';
