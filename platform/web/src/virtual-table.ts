// A table for lists of any length (100,000 devices): the server filters, sorts and pages; the page
// keeps only the rows in view in the DOM (fixed row height), fetches the pages that come into view
// after scrolling settles, and forgets pages far away. Scrolling stays smooth whatever the total.
import { h, replace, type Child } from './dom.js';

export interface Column<T> {
  key: string;
  label: string;
  width: string; // CSS grid track, e.g. '120px' or '2fr'
  sortable?: boolean;
  cell(row: T): Child;
}

export interface VirtualTableOptions<T> {
  columns: Column<T>[];
  rowHeight?: number;
  pageSize?: number;
  /** Loads one page: offset and limit, with the current sort. */
  load(offset: number, limit: number, sort: string, order: 'asc' | 'desc'): Promise<{ items: T[]; total: number }>;
  onRow?(row: T): void;
  onTotal?(total: number): void;
  sort: string;
  order: 'asc' | 'desc';
  onSort?(sort: string, order: 'asc' | 'desc'): void;
  loadingText: string;
  testid?: string;
}

export class VirtualTable<T> {
  readonly el: HTMLElement;
  readonly #o: VirtualTableOptions<T>;
  readonly #viewport: HTMLElement;
  readonly #spacer: HTMLElement;
  readonly #rows: HTMLElement;
  readonly #header: HTMLElement;
  readonly #pages = new Map<number, T[]>();
  readonly #loading = new Set<number>();
  #total = 0;
  #generation = 0;
  #timer: number | undefined;
  #sort: string;
  #order: 'asc' | 'desc';

  constructor(options: VirtualTableOptions<T>) {
    this.#o = { rowHeight: 34, pageSize: 100, ...options };
    this.#sort = options.sort;
    this.#order = options.order;
    const template = this.#o.columns.map((c) => c.width).join(' ');
    this.#header = h('div', { class: 'vt-header', style: `grid-template-columns: ${template}` });
    this.#spacer = h('div', { class: 'vt-spacer' });
    this.#rows = h('div', { class: 'vt-rows' });
    this.#viewport = h('div', { class: 'vt-viewport', onscroll: () => this.#scrolled() }, this.#spacer, this.#rows);
    this.el = h('div', { class: 'vt', testid: options.testid }, this.#header, this.#viewport);
    this.#renderHeader();
    new ResizeObserver(() => this.#render()).observe(this.#viewport);
  }

  get total(): number {
    return this.#total;
  }

  /** Drops every cached page and loads again (filters changed). */
  reload(): void {
    this.#generation++;
    this.#pages.clear();
    this.#loading.clear();
    this.#viewport.scrollTop = 0;
    void this.#fetch(0);
  }

  /** Reloads the pages in view, keeping the scroll position (live refresh). */
  refresh(): void {
    const gen = this.#generation;
    for (const p of this.#visiblePages()) void this.#fetch(p, gen, true);
  }

  #rowHeight(): number {
    return this.#o.rowHeight!;
  }

  #visibleRange(): [number, number] {
    const rh = this.#rowHeight();
    const first = Math.floor(this.#viewport.scrollTop / rh);
    const count = Math.ceil((this.#viewport.clientHeight || 600) / rh) + 1;
    return [first, Math.min(this.#total, first + count)];
  }

  #visiblePages(): number[] {
    const [first, last] = this.#visibleRange();
    const size = this.#o.pageSize!;
    const pages: number[] = [];
    for (let p = Math.floor(first / size); p <= Math.floor(Math.max(first, last - 1) / size); p++) pages.push(p);
    return pages;
  }

  #scrolled(): void {
    this.#render();
    clearTimeout(this.#timer);
    // Fetch once scrolling pauses: dragging the scrollbar across 100,000 rows must not fire a
    // request per frame (the API is rate-limited per token).
    this.#timer = window.setTimeout(() => {
      for (const p of this.#visiblePages()) if (!this.#pages.has(p)) void this.#fetch(p);
      this.#evict();
    }, 120);
  }

  #evict(): void {
    const keep = new Set(this.#visiblePages().flatMap((p) => [p - 2, p - 1, p, p + 1, p + 2]));
    for (const p of this.#pages.keys()) if (!keep.has(p)) this.#pages.delete(p);
  }

  async #fetch(page: number, generation = this.#generation, force = false): Promise<void> {
    if (this.#loading.has(page) || (!force && this.#pages.has(page))) return;
    this.#loading.add(page);
    try {
      const size = this.#o.pageSize!;
      const { items, total } = await this.#o.load(page * size, size, this.#sort, this.#order);
      if (generation !== this.#generation) return;
      this.#pages.set(page, items);
      // Also on every first page: an empty result after a reload is news too (the page says why it is empty).
      if (total !== this.#total || page === 0) {
        this.#total = total;
        this.#o.onTotal?.(total);
      }
      this.#render();
    } finally {
      this.#loading.delete(page);
    }
  }

  #renderHeader(): void {
    replace(
      this.#header,
      this.#o.columns.map((c) => {
        const active = c.key === this.#sort;
        const arrow = active ? (this.#order === 'asc' ? ' ▲' : ' ▼') : '';
        return h(
          'div',
          {
            class: `vt-th${c.sortable ? ' sortable' : ''}${active ? ' active' : ''}`,
            'data-key': c.key,
            onclick: c.sortable
              ? () => {
                  this.#order = active && this.#order === 'desc' ? 'asc' : 'desc';
                  this.#sort = c.key;
                  this.#o.onSort?.(this.#sort, this.#order);
                  this.#renderHeader();
                  this.reload();
                }
              : undefined,
          },
          c.label + arrow,
        );
      }),
    );
  }

  #render(): void {
    const rh = this.#rowHeight();
    this.#spacer.style.height = `${this.#total * rh}px`;
    const [first, last] = this.#visibleRange();
    const size = this.#o.pageSize!;
    const template = this.#o.columns.map((c) => c.width).join(' ');
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = this.#pages.get(Math.floor(i / size))?.[i % size];
      const top = `top: ${i * rh}px; height: ${rh}px; grid-template-columns: ${template}`;
      rows.push(
        row
          ? h(
              'div',
              { class: 'vt-row', style: top, 'data-index': String(i), onclick: () => this.#o.onRow?.(row) },
              this.#o.columns.map((c) => h('div', { class: `vt-td col-${c.key}` }, c.cell(row))),
            )
          : h('div', { class: 'vt-row loading', style: top }, h('div', { class: 'vt-td' }, this.#o.loadingText)),
      );
    }
    replace(this.#rows, rows);
  }
}
