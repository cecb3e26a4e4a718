// Sorting and filtering of the control map table. Inlined into control-map.html; it makes no network
// requests (the page's Content-Security-Policy forbids them).
(function () {
  'use strict';
  const table = document.getElementById('controls-table');
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const headers = Array.from(table.tHead.rows[0].cells);
  const text = document.getElementById('filter-text');
  const status = document.getElementById('filter-status');
  const safeguard = document.getElementById('filter-safeguard');
  const shown = document.getElementById('visible-count');

  function applyFilter() {
    const needle = text.value.trim().toLowerCase();
    let visible = 0;
    for (const row of rows) {
      const match =
        (needle === '' || row.textContent.toLowerCase().includes(needle)) &&
        (status.value === '' || row.dataset.status === status.value) &&
        (safeguard.value === '' || row.dataset.safeguard === safeguard.value);
      row.hidden = !match;
      if (match) visible += 1;
    }
    shown.textContent = visible + ' of ' + rows.length + ' citations shown';
  }

  function sortBy(index) {
    const header = headers[index];
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    for (const other of headers) other.removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const numeric = header.dataset.type === 'number';
    const key = function (row) {
      const cell = row.cells[index];
      const value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim();
      return numeric ? Number(value) : value.toLowerCase();
    };
    const sorted = rows.slice().sort(function (a, b) {
      const x = key(a);
      const y = key(b);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    for (const row of sorted) body.appendChild(row);
  }

  headers.forEach(function (header, index) {
    header.querySelector('button').addEventListener('click', function () {
      sortBy(index);
    });
  });
  text.addEventListener('input', applyFilter);
  status.addEventListener('change', applyFilter);
  safeguard.addEventListener('change', applyFilter);
  applyFilter();
})();
