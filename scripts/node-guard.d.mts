// Types for node-guard.mjs, which stays plain JavaScript so it runs on old Node versions.
export declare const NODE_PREFIX: string;
export declare function nodeIsSuitable(version?: string): boolean;
export declare function ensureSuitableNode(): Promise<void>;
