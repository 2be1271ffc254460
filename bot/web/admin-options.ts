/**
 * What the console plugin is given. A file of its own so the route files (admin-documents.ts,
 * admin-insights.ts) and the plugin that registers them depend on it, not on each other.
 */
import type { ContentLibrary, KnowledgeHolder, Reindexer, WebStore } from '../runtime/index.ts';

export interface AdminPluginOptions {
  /** ADMIN_TOKEN: at least 16 characters. */
  token: string;
  store: WebStore;
  holder: KnowledgeHolder;
  library: ContentLibrary;
  reindexer: Reindexer;
  /** Largest accepted upload (default UPLOAD_LIMIT_BYTES, 10 MiB). */
  uploadLimitBytes?: number;
  /** COOKIE_SECURE: 'auto' marks the session cookie Secure when the request came over https (default 'auto'). */
  cookieSecure?: 'auto' | 'always';
  now?: () => number;
}
