import { drawn } from './marks.js';

const DAY = 86_400_000;

const toDay = (iso: string) => Math.floor(Date.parse(iso) / DAY);
const toIso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Bin widths tried in order until the span fits in about 160 bars. */
const STEPS = [1, 7, 14, 30, 91, 365];

/**
 * The timeline: events per bin as bars, fatalities as a line over them. Dragging brushes a range
 * (`onBrush`, cleared by a click); in "pick" mode a click or drag sets one day (`onPick`).
 */
export class Timeline {
  /** Day numbers of the dated events (parsed once per data, not per draw) and their fatalities. */
  private days = new Int32Array(0);
  private fatalities = new Int32Array(0);
  private range: [number, number] = [0, 1];
  private brush: [string, string] | null = null;
  private picked: string | null = null;
  /** Drawn size, read from the layout once per draw (each read after a redraw forces a layout). */
  private size = { width: 800, height: 120 };
  private frame = 0;
  mode: 'brush' | 'pick' = 'brush';
  onBrush: (range: [string, string] | null) => void = () => {};
  onPick: (day: string) => void = () => {};

  constructor(private readonly svg: SVGSVGElement) {
    new ResizeObserver(() => this.request()).observe(svg);
    this.bindPointer();
  }

  /** Events by date (undated ones are left out) and fatalities (null counts as none), aligned. */
  setData(dates: (string | null)[], fatalities: (number | null)[], extent: [string, string]) {
    const n = dates.reduce((k, d) => (d ? k + 1 : k), 0);
    this.days = new Int32Array(n);
    this.fatalities = new Int32Array(n);
    let j = 0;
    dates.forEach((d, i) => {
      if (!d) return;
      this.days[j] = toDay(d);
      this.fatalities[j++] = fatalities[i] ?? 0;
    });
    const [lo, hi] = [toDay(extent[0]), toDay(extent[1])];
    this.range = Number.isFinite(lo) && Number.isFinite(hi) ? [lo - 1, hi + 2] : [toDay('2000-01-01'), toDay('2000-01-02')];
    this.request();
  }

  setBrush(b: [string, string] | null) {
    this.brush = b;
    this.request();
  }

  setPicked(day: string | null) {
    this.picked = day;
    this.request();
  }

  /** Coalesces the redraws of one update (data, brush, pick) into one per animation frame. */
  private request() {
    if (!this.frame) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.draw()));
  }

  private x(day: number) { return 40 + ((day - this.range[0]) / (this.range[1] - this.range[0])) * (this.size.width - 56); }
  private day(x: number) { return Math.round(this.range[0] + ((x - 40) / (this.size.width - 56)) * (this.range[1] - this.range[0])); }

  private bindPointer() {
    let start: number | null = null;
    this.svg.addEventListener('pointerdown', (e) => {
      start = e.offsetX;
      this.svg.setPointerCapture(e.pointerId);
      if (this.mode === 'pick') this.pick(e.offsetX);
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (start === null) return;
      if (this.mode === 'pick') return this.pick(e.offsetX);
      if (Math.abs(e.offsetX - start) < 3) return;
      const [a, b] = [this.day(Math.min(start, e.offsetX)), this.day(Math.max(start, e.offsetX))];
      this.brush = [toIso(a), toIso(b)];
      this.draw();
    });
    this.svg.addEventListener('pointerup', (e) => {
      if (start === null) return;
      const moved = Math.abs(e.offsetX - start) >= 3;
      start = null;
      if (this.mode === 'pick') return;
      if (!moved) this.brush = null;
      this.draw();
      this.onBrush(this.brush);
    });
  }

  private pick(x: number) {
    const day = toIso(Math.max(this.range[0], Math.min(this.range[1], this.day(x))));
    this.picked = day;
    this.draw();
    this.onPick(day);
  }

  private draw() {
    this.size = { width: this.svg.clientWidth || 800, height: this.svg.clientHeight || 120 };
    const { width, height } = this.size;
    const span = this.range[1] - this.range[0];
    const step = STEPS.find((s) => span / s <= 160) ?? 365;
    const nBins = Math.ceil(span / step);
    const counts = new Array<number>(nBins).fill(0);
    const deaths = new Array<number>(nBins).fill(0);
    this.days.forEach((d, i) => {
      const b = Math.floor((d - this.range[0]) / step);
      if (b >= 0 && b < nBins) {
        counts[b]!++;
        deaths[b]! += this.fatalities[i]!;
      }
    });
    const maxC = Math.max(1, ...counts);
    const maxD = Math.max(1, ...deaths);
    const top = 10;
    const bottom = height - 20;
    const y = (v: number, max: number) => bottom - (v / max) * (bottom - top);
    const bw = Math.max(1, this.x(this.range[0] + step) - this.x(this.range[0]) - 1);
    const parts: string[] = [];
    counts.forEach((c, b) => {
      if (!c) return;
      const x0 = this.x(this.range[0] + b * step);
      const day = toIso(this.range[0] + b * step);
      const inBrush = !this.brush || (day >= this.brush[0] && day <= this.brush[1]) || (toIso(this.range[0] + (b + 1) * step - 1) >= this.brush[0] && day <= this.brush[1]);
      parts.push(`<rect class="bar${inBrush ? '' : ' out'}" x="${x0.toFixed(1)}" y="${y(c, maxC).toFixed(1)}" width="${bw.toFixed(1)}" height="${(bottom - y(c, maxC)).toFixed(1)}"><title>${day}: ${c} events, ${deaths[b]} killed</title></rect>`);
    });
    const line = deaths.map((d, b) => `${(this.x(this.range[0] + b * step) + bw / 2).toFixed(1)},${y(d, maxD).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="deaths" points="${line}" />`);
    // Axis: a label at each month (or year) start that fits.
    const ticks: string[] = [];
    let lastX = -Infinity;
    for (let d = this.range[0]; d <= this.range[1]; d++) {
      const iso = toIso(d);
      const isTick = span > 900 ? iso.endsWith('-01-01') : span > 60 ? iso.endsWith('-01') : new Date(d * DAY).getUTCDay() === 1;
      const x = this.x(d);
      if (!isTick || x - lastX < 60) continue;
      lastX = x;
      ticks.push(`<line class="tick" x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 4}" /><text class="tick" x="${x + 2}" y="${height - 5}">${span > 900 ? iso.slice(0, 4) : span > 60 ? iso.slice(0, 7) : iso.slice(5)}</text>`);
    }
    parts.push(`<line class="axis" x1="40" x2="${width - 16}" y1="${bottom}" y2="${bottom}" />`, ...ticks);
    parts.push(`<text class="scale" x="4" y="${top + 8}">${maxC}</text><text class="scale deaths-label" x="4" y="${top + 20}">${maxD} killed</text>`);
    if (this.brush) {
      const x0 = this.x(toDay(this.brush[0]));
      const x1 = this.x(toDay(this.brush[1]) + 1);
      parts.push(`<rect class="brush" x="${x0}" y="${top - 6}" width="${Math.max(2, x1 - x0)}" height="${bottom - top + 6}" />`);
    }
    if (this.picked) {
      const x = this.x(toDay(this.picked));
      parts.push(`<line class="picked" x1="${x}" x2="${x}" y1="${top - 6}" y2="${bottom}" /><text class="picked" x="${x > width - 100 ? x - 4 : x + 4}" text-anchor="${x > width - 100 ? 'end' : 'start'}" y="${top + 4}">${this.picked}</text>`);
    }
    this.svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    // Only numbers and ISO dates are interpolated above: nothing from story text.
    this.svg.innerHTML = parts.join('');
    if (this.days.length) drawn('timeline');
  }
}
