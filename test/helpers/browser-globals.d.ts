// Globals of the page that page.evaluate() callbacks use in test/browser (they run in Chromium, not
// in Node). Declared loosely here rather than with lib "dom", whose types clash with Node's in the
// platform sources the tests also compile.
declare const document: {
  querySelector(selector: string): any;
  querySelectorAll(selector: string): Iterable<any> & ArrayLike<any>;
  documentElement: { scrollWidth: number };
};
declare const window: any;
declare const sessionStorage: { getItem(key: string): string | null };
declare function requestAnimationFrame(callback: (time: number) => void): number;
