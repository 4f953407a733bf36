export declare const HOT_HEAD: string;
export declare const HOT_TAIL: string;
export declare function wrapHot(body: string): string;
