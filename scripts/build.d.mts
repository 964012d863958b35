/** Types of scripts/build.mjs (plain JavaScript, so that it runs before anything is compiled). */
export declare const SERVER_OUT: string;
export declare const WEB_DIST: string;
export declare function serverBuildIsStale(): boolean;
export declare function webBuildIsStale(): boolean;
export declare function buildServer(): Promise<void>;
export declare function buildWeb(): Promise<void>;
export declare function ensureWebBuilt(): Promise<boolean>;
export declare function ensureServerBuilt(): Promise<boolean>;
