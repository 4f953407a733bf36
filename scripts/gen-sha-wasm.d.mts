export declare function assembleShaWasm(): Promise<string>;
export declare function shaWasmSource(base64: string): string;
