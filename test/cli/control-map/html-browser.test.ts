import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildControlMap } from '../../../lib/cli/control-map/build';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { renderHtml } from '../../../lib/cli/control-map/render-html';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';
import { copyOfDefaultAssembly, SEGMENTATION_MATRIX, tempDir } from './assemblies';

// Debian's chromium (.ci/run installs it when missing), driven by playwright-core without a browser download.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const map = buildControlMap(loadAssembly(DEFAULT_ASSEMBLY), '0.0.0');

let context: BrowserContext;
const profile = tempDir('chromium-profile-');

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** Opens an HTML file, recording console errors, page errors and every request the page makes. */
async function open(html: string) {
  const file = join(tempDir(), 'control-map.html');
  writeFileSync(file, html);
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests, url };
}

const visibleRows = (page: Page) => page.locator('#controls-table tbody tr:not([hidden])');
const shown = (page: Page) => page.locator('#visible-count').textContent();

describe('control-map.html in headless Chromium', () => {
  test('opens with no console error and no request beyond the file itself, one row per citation', async () => {
    const { page, problems, requests, url } = await open(renderHtml(map));
    expect(await visibleRows(page).count()).toBe(65);
    expect(await shown(page)).toBe('65 of 65 citations shown');
    expect(await page.locator('#counts tfoot th').first().textContent()).toBe('Total');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  test('filters by text, status and safeguard, and shows the count', async () => {
    const { page, problems } = await open(renderHtml(map));
    await page.fill('#filter-text', 'automatic logoff');
    expect(await visibleRows(page).count()).toBe(1);
    expect(await visibleRows(page).first().locator('td').first().textContent()).toBe('164.312(a)(2)(iii)');
    expect(await shown(page)).toBe('1 of 65 citations shown');

    await page.fill('#filter-text', '');
    await page.selectOption('#filter-status', 'AWS');
    expect(await visibleRows(page).count()).toBe(map.summary.byStatus.AWS);
    await page.selectOption('#filter-safeguard', 'physical');
    const physical = map.summary.bySafeguard.find((g) => g.safeguard === 'physical')!;
    expect(await visibleRows(page).count()).toBe(physical.byStatus.AWS);

    await page.selectOption('#filter-status', '');
    expect(await visibleRows(page).count()).toBe(physical.total);
    await page.selectOption('#filter-safeguard', '');
    expect(await visibleRows(page).count()).toBe(65);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('sorts by a column, both ways, and back to regulation order', async () => {
    const { page, problems } = await open(renderHtml(map));
    const header = page.locator('#controls-table thead th', { hasText: 'Constructs' });
    const firstCount = async () => Number(await visibleRows(page).first().locator('td').nth(5).textContent());
    const most = Math.max(...map.controls.map((c) => c.implementations.length));
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstCount()).toBe(0);
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await firstCount()).toBe(most);
    await page.locator('#controls-table thead th', { hasText: 'Citation' }).locator('button').click();
    const citations = await page.locator('#controls-table tbody tr td:first-child').allTextContents();
    expect(citations).toEqual(map.controls.map((c) => c.citation));
    expect(problems).toEqual([]);
    await page.close();
  });

  test('shows the segmentation matrix when the assembly has one', async () => {
    const dir = copyOfDefaultAssembly();
    writeFileSync(join(dir, 'segmentation-matrix.json'), JSON.stringify(SEGMENTATION_MATRIX));
    const { page, problems } = await open(renderHtml(buildControlMap(loadAssembly(dir), '0.0.0')));
    const matrix = page.locator('#segmentation-matrix');
    expect(await matrix.locator('tbody tr').count()).toBe(4);
    expect(await matrix.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'all',
      'none',
      'tcp/443',
      'tcp/443',
    ]);
    expect(await page.locator('#segmentation').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('has no segmentation section without a matrix', async () => {
    const dir = copyOfDefaultAssembly();
    rmSync(join(dir, 'segmentation-matrix.json'));
    const { page } = await open(renderHtml(buildControlMap(loadAssembly(dir), '0.0.0')));
    expect(await page.locator('#segmentation').count()).toBe(0);
    await page.close();
  });
});
