export declare const DEBIAN_CHROMIUM: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare const HOW_TO_GET_A_BROWSER: string;
export declare function findBrowser(): { path: string; source: string } | null;
