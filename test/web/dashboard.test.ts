import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/core/projectPaths.js';
import { startServer } from '../../src/server/startServer.js';
import { buildFixtureStore } from '../server/fixtureStore.js';

/** Chromium flags for a sandboxless, offline container. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const shots = join(PROJECT_ROOT, 'test-output');
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;

before(async () => {
  assert.ok(existsSync(join(PROJECT_ROOT, 'dist', 'web', 'index.html')), 'dashboard not built: run `npm run build:web` first');
  mkdirSync(shots, { recursive: true });
  server = await startServer({ db: await buildFixtureStore(), port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  // Offline: any request leaving the server is a bug (a CDN font, a tile server).
  await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Markers as the page drew them (exposed by web/src/main.ts); passed whole to page.evaluate. */
const drawnMarkers = () => (window as unknown as { sitrep: { map: { drawn: { x: number; y: number; keys: string[] }[] } } }).sitrep.map.drawn;

const pointsDrawn = () => page.$eval('#map', (c) => Number((c as HTMLCanvasElement).dataset.points ?? -1));

async function open(query = '') {
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('body[data-loaded="true"]');
  await page.waitForFunction(() => Number(document.querySelector<HTMLCanvasElement>('#map')!.dataset.points ?? 0) > 0);
}

test('markers appear for the ingested events, over the basemap', async () => {
  await open();
  assert.equal(await pointsDrawn(), 6, 'seven reports, two of one bombing: six events');
  await page.waitForSelector('#map[data-basemap="true"]');
  // The first screen (markers, timeline, basemap) is marked for the benchmark (web/src/marks.ts).
  await page.waitForFunction(() => performance.getEntriesByName('first-screen', 'mark').length === 1);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).sort());
  assert.deepEqual(marks, ['basemap', 'first-screen', 'markers', 'timeline']);
  // Script and styles come inside the page (web/vite.config.ts), allowed by the CSP: no request waits for them.
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname));
  assert.deepEqual(fetched.filter((p) => /\.(js|css)$/.test(p)), []);
  assert.ok(fetched.includes('/api/summary') && fetched.includes('/api/control/timelines'), `first requests: ${fetched.join(' ')}`);
  await page.screenshot({ path: join(shots, 'dashboard-events.png') });
  assert.match(await page.textContent('#stats') ?? '', /6 events · 37 killed/);
});

test('a filter changes the markers and is kept in the URL', async () => {
  await open();
  await page.selectOption('select[name=type]', 'Protests');
  await page.waitForFunction(() => document.querySelector<HTMLCanvasElement>('#map')!.dataset.points === '1');
  assert.match(page.url(), /type=Protests/);
  // The shared URL restores the same view.
  await open('?type=Protests');
  assert.equal(await pointsDrawn(), 1);
  assert.equal(await page.inputValue('select[name=type]'), 'Protests');
});

test('brushing the timeline filters the map', async () => {
  await open();
  const box = (await page.locator('#timeline').boundingBox())!;
  // Left 40% of the axis: May and June 2021, not August.
  await page.mouse.move(box.x + 42, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const n = await pointsDrawn();
  assert.ok(n > 0 && n < 6, `expected a subset of the 6 events, got ${n}`);
  assert.match(page.url(), /from=2021-0\d-\d\d&to=2021-0\d-\d\d/);
  await page.screenshot({ path: join(shots, 'dashboard-brushed.png') });
});

test('clicking an event opens its sources with the evidence highlighted, story text escaped', async () => {
  await open('?country=SY');
  const canvas = (await page.locator('#map').boundingBox())!;
  const markers = await page.evaluate(drawnMarkers);
  const target = markers.find((m) => m.keys.includes('ev:story-a2#1'));
  assert.ok(target, 'the Deir al-Zor strike is drawn');
  await page.mouse.click(canvas.x + target.x, canvas.y + target.y);
  await page.waitForSelector('#panel .event');
  if (target.keys.length > 1) await page.click('#panel .cluster button');
  const mark = await page.textContent('#panel mark');
  assert.equal(mark, 'Air strikes hit insurgent positions outside Deir al-Zor, killing at least 20 fighters, a monitor said.');
  assert.match(await page.textContent('#panel .fatalities') ?? '', /20/);
  // The story's "<script>" is shown as text, never parsed.
  assert.match(await page.textContent('#panel .story-text') ?? '', /<script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('#panel script').count(), 0);
  assert.match(page.url(), /ev=ev%3Astory-a2%231/);
  await page.screenshot({ path: join(shots, 'dashboard-event.png') });
});

test('the control view colours places by holder on the chosen date', async () => {
  await open('?mode=control&date=2021-07-01');
  assert.match(await page.textContent('#legend') ?? '', /Military Forces of Syria/);
  const box = (await page.locator('#timeline').boundingBox())!;
  await page.mouse.click(box.x + box.width - 20, box.y + box.height / 2);
  await page.waitForFunction(() => /Islamic State/.test(document.querySelector('#legend')!.textContent ?? ''));
  assert.match(page.url(), /date=2021-08-\d\d/);
  const canvas = (await page.locator('#map').boundingBox())!;
  const [m] = await page.evaluate(drawnMarkers);
  await page.mouse.click(canvas.x + m!.x, canvas.y + m!.y);
  await page.waitForSelector('#panel .place');
  assert.equal(await page.locator('#panel .changes li').count(), 2);
  await page.screenshot({ path: join(shots, 'dashboard-control.png') });
});
