/** gzip (level 9) size in bytes of one file. */
export declare function gzipBytes(file: string): number;
/** The entry and every file it reaches through static imports and re-exports. */
export declare function staticClosure(entry: string, seen?: Set<string>): Set<string>;
/** Sizes of an entry: `static` (entry + static chunks) and `lazy` (chunks imported dynamically), gzip bytes. */
export declare function bundleSize(entry: string): { files: number; static: number; lazy: number };
