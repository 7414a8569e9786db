// Minimal types for the two untyped libraries this benchmark compares against.
declare module 'badwords-ko' {
  export default class Filter {
    constructor(options?: { emptyList?: boolean; list?: string[]; placeHolder?: string });
    isProfane(text: string): boolean;
    clean(text: string): string;
    addWords(...words: string[]): void;
  }
}

declare module 'fastscan' {
  export default class FastScanner {
    constructor(words: string[]);
    search(content: string, options?: { quick?: boolean; longest?: boolean }): Array<[number, string]>;
  }
}
