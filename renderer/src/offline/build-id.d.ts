/** The build's id, set by vite.config.ts (`define`). */
declare const __SLC_BUILD__: string;
