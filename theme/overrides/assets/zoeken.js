/* Praktijkbank search page (/zoeken/): Pagefind's JS API with filters.
   The query and the chosen filters live in the URL (?q=...&thema=...), so a search can be shared,
   reloaded and left with the back button. Everything is fetched from this site's own Pagefind
   bundles (pagefind/, and pagefind-2/ and on for a large catalogue). Index text is inserted as
   text; of Pagefind's excerpt only the <mark> elements are kept. */

const FACETS = [
  ["thema", "Thema"],
  ["gemeente", "Gemeente"],
  ["provincie", "Provincie"],
  ["doelgroep", "Doelgroep"],
  ["praktijkniveau", "Praktijkniveau"],
  ["soort", "Soort pagina"],
];
const PAGE_SIZE = 10;

/* Shorthand for creating an element with a class and text content (never markup). */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/* The search state in the URL: `q` and any number of values per facet. */
function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const [key] of FACETS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  return { q: (params.get("q") || "").trim(), filters };
}

function urlOfState(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const [key] of FACETS) for (const value of state.filters[key] || []) params.append(key, value);
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

/* Values of one facet are alternatives (any); different facets all apply. */
function pagefindFilters(filters) {
  const result = {};
  for (const [key, values] of Object.entries(filters)) result[key] = { any: values };
  return result;
}

function filterCount(filters) {
  return Object.values(filters).reduce((sum, values) => sum + values.length, 0);
}

/* Pagefind's excerpt as DOM nodes: text stays text, <mark> stays a mark, any other markup is dropped. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  const fragment = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    fragment.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
  }
  return fragment;
}

function resultItem(data) {
  const item = element("li", "pb-resultaat");
  const heading = element("h2", "pb-resultaat__titel");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const details = [(data.filters.soort || [])[0], data.meta.gemeente].filter(Boolean);
  item.append(heading);
  if (details.length) item.append(element("p", "pb-resultaat__meta", details.join(" · ")));
  const excerpt = element("p", "pb-resultaat__fragment");
  excerpt.append(excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

function statusText(state, total) {
  const what = total === 0 ? "Geen resultaten" : total === 1 ? "1 resultaat" : `${total} resultaten`;
  const term = state.q ? ` voor ‘${state.q}’` : "";
  const chosen = filterCount(state.filters);
  const filters = chosen ? ` met ${chosen} ${chosen === 1 ? "filter" : "filters"}` : "";
  const hint = total === 0 ? ". Probeer een ander woord of minder filters." : ".";
  return what + term + filters + hint;
}

/* The filter panel: one fieldset of checkboxes per facet, built once; counts change per search.
   On a phone the panel folds behind a button, so the results stay close to the search field. */
function buildFilters(totals, onChange) {
  const panel = element("div", "pb-filterpaneel");
  const toggle = element("button", "pb-filterknop", "Filters");
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.addEventListener("click", () => {
    const open = panel.classList.toggle("pb-filterpaneel--open");
    toggle.setAttribute("aria-expanded", String(open));
  });
  panel.append(toggle);
  const boxes = [];
  FACETS.forEach(([key, label]) => {
    const values = Object.keys(totals[key] || {}).sort((a, b) => a.localeCompare(b, "nl"));
    if (!values.length) return;
    const fieldset = element("fieldset", "pb-filtergroep");
    fieldset.append(element("legend", "", label));
    const list = element("ul");
    values.forEach((value, index) => {
      const box = element("input");
      box.type = "checkbox";
      box.id = `pb-filter-${key}-${index}`;
      box.name = key;
      box.value = value;
      box.addEventListener("change", onChange);
      const text = element("label", "", value + " ");
      text.htmlFor = box.id;
      const count = element("span", "pb-aantal");
      text.append(count);
      const row = element("li");
      row.append(box, text);
      list.append(row);
      boxes.push({ key, value, box, count, row, fieldset });
    });
    fieldset.append(list);
    panel.append(fieldset);
  });
  return { panel, boxes };
}

/* Counts per facet value as a facet search shows them: for a facet with chosen values, the counts
   come from the same search without that facet's own choice (its values are alternatives). */
async function facetCounts(pagefind, totals, state, search) {
  const counts = { ...search.filters };
  for (const key of Object.keys(state.filters)) {
    const others = { ...state.filters };
    delete others[key];
    const open = filterCount(others) || state.q
      ? await pagefind.search(state.q || null, { filters: pagefindFilters(others) })
      : { filters: totals };
    counts[key] = open.filters[key];
  }
  return counts;
}

async function start(root) {
  const form = root.querySelector("form");
  const field = root.querySelector("#pb-zoekterm");
  const status = element("p", "pb-zoekstatus");
  status.setAttribute("role", "status");
  const results = element("ol", "pb-resultaten");
  results.setAttribute("aria-busy", "true");
  const more = element("button", "pb-meer", "Meer resultaten");
  more.type = "button";
  more.hidden = true;
  const output = element("div", "pb-zoekuitkomst");
  output.append(results, more);
  form.after(status);

  let pagefind, totals;
  try {
    const bundle = new URL(root.dataset.bundle, location.href);
    pagefind = await import(bundle.href + "pagefind.js");
    // The index is small: searching on the main thread spares the first search the worker's 40 KB.
    await pagefind.options({ excerptLength: 24, noWorker: true });
    // A large catalogue is indexed in several bundles (generator/site.py); search them as one.
    const extra = await (await fetch(new URL("bundels.json", bundle))).json();
    for (const path of extra) {
      await pagefind.mergeIndex(new URL("../" + path, bundle).href);
    }
    totals = await pagefind.filters();
  } catch (error) {
    status.textContent = "Zoeken is nu niet beschikbaar. Blader via de thema's en gemeenten.";
    return;
  }
  const { panel, boxes } = buildFilters(totals, go);
  const layout = element("div", "pb-zoekkader");
  layout.append(panel, output);
  status.after(layout);

  let pending = [];
  let latest = 0;

  function currentState() {
    const filters = {};
    for (const { key, value, box } of boxes) if (box.checked) (filters[key] ||= []).push(value);
    return { q: field.value.trim(), filters };
  }

  function showState(state) {
    field.value = state.q;
    for (const { key, value, box } of boxes) box.checked = (state.filters[key] || []).includes(value);
  }

  /* Values without results are hidden, unless chosen or holding the focus. */
  function showCounts(counts) {
    for (const { key, value, box, count, row } of boxes) {
      const n = (counts[key] || {})[value] || 0;
      count.textContent = `(${n})`;
      row.hidden = n === 0 && !box.checked && document.activeElement !== box;
    }
    for (const fieldset of new Set(boxes.map((b) => b.fieldset))) {
      fieldset.hidden = !fieldset.querySelector("li:not([hidden])");
    }
  }

  /* Show the next batch, unless a newer search (a newer `ticket`) took over meanwhile. */
  async function showMore(ticket) {
    const batch = pending.splice(0, PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (ticket !== latest) return;
    results.append(...data.map(resultItem));
    more.hidden = pending.length === 0;
  }

  /* Run the search of `state`; a newer search overtakes an older one still loading.
     The result list is aria-busy while a search runs. */
  async function run(state) {
    const ticket = ++latest;
    results.setAttribute("aria-busy", "true");
    if (!state.q && !filterCount(state.filters)) {
      showCounts(totals);
      pending = [];
      results.replaceChildren();
      more.hidden = true;
      status.textContent = "Typ een zoekterm of kies een filter.";
    } else {
      const search = await pagefind.search(state.q || null, { filters: pagefindFilters(state.filters) });
      const counts = await facetCounts(pagefind, totals, state, search);
      if (ticket !== latest) return;
      showCounts(counts);
      pending = search.results.slice();
      results.replaceChildren();
      await showMore(ticket);
      if (ticket !== latest) return;
      status.textContent = statusText(state, search.results.length);
    }
    results.setAttribute("aria-busy", "false");
  }

  /* Search what the form shows, recording it as a new history entry when it changed. */
  function go() {
    const state = currentState();
    const url = urlOfState(state);
    if (url !== location.pathname + location.search) history.pushState(null, "", url);
    run(state);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  more.addEventListener("click", async () => {
    const shown = results.children.length;
    await showMore(latest);
    const next = results.children[shown];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => {
    showState(stateFromUrl());
    run(stateFromUrl());
  });

  showState(stateFromUrl());
  run(stateFromUrl());
}

const root = document.getElementById("pb-zoeken");
if (root) start(root);
