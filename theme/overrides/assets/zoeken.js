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
/* The kinds of page (filter "soort"), singular and plural, in the order the status line names them. */
const KINDS = {
  Praktijk: ["praktijk", "praktijken"],
  Gemeente: ["gemeente", "gemeenten"],
  Thema: ["thema", "thema's"],
  Doelgroep: ["doelgroep", "doelgroepen"],
  Organisatie: ["organisatie", "organisaties"],
  Bron: ["bron", "bronnen"],
  Begrip: ["begrip", "begrippen"],
};
const MIN_PART = 4;  // the shortest part of a compound word, and of a word a suggestion is sought for
const MAX_CUTS = 6;  // cuts of one compound word tried: each may fetch index chunks of its parts

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
  // meta "informatie": the years of the information on the page ("omstreeks 2017", "jaar onbekend")
  const info = data.meta.informatie;
  const year = !info ? "" : info === "jaar onbekend" ? "jaar van de informatie onbekend" : `informatie uit ${info}`;
  // The kind: a filter, or metadata in a bundle of one kind (generator/site.py).
  const details = [(data.filters.soort || [])[0] || data.meta.soort, data.meta.gemeente, year].filter(Boolean);
  item.append(heading);
  if (details.length) item.append(element("p", "pb-resultaat__meta", details.join(" · ")));
  const excerpt = element("p", "pb-resultaat__fragment");
  excerpt.append(excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

/* "3 praktijken, 1 thema": the results per kind, practices first. */
function kindCounts(counts) {
  const kinds = Object.keys(counts || {}).filter((kind) => counts[kind] > 0);
  kinds.sort((a, b) => (b === "Praktijk") - (a === "Praktijk") || counts[b] - counts[a] || a.localeCompare(b, "nl"));
  return kinds.map((kind) => {
    const [one, many] = KINDS[kind] || [kind.toLowerCase(), kind.toLowerCase()];
    return `${counts[kind]} ${counts[kind] === 1 ? one : many}`;
  }).join(", ");
}

function statusText(state, total, kinds, alsoSearched) {
  const what = total === 0 ? "Geen resultaten" : total === 1 ? "1 resultaat" : `${total} resultaten`;
  const term = state.q ? ` voor ‘${state.q}’` : "";
  const also = alsoSearched ? ` (ook gezocht op ‘${alsoSearched}’)` : "";
  const chosen = filterCount(state.filters);
  const filters = chosen ? ` met ${chosen} ${chosen === 1 ? "filter" : "filters"}` : "";
  const split = total > 0 && kinds ? `: ${kinds}.` : ".";
  const hint = total === 0 ? ". Probeer een ander woord of minder filters." : split;
  return what + term + also + filters + hint;
}

/* Folded for comparing words: lower case, no accents. */
function folded(word) {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/* Edit distance (Levenshtein) between two short words. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

/* Pagefind matches the start of words, so "burenhulp" finds "burenhulpplatform" but not the
   other way round. For a compound word in the query (of at least 10 letters), the split into two parts of at least
   MIN_PART letters that finds pages the word itself does not find (the MAX_CUTS cuts nearest the
   middle, nearest first), as the query with that word replaced by its parts; else null. */
async function compoundQuery(pagefind, state, found) {
  const seen = new Set(found.map((result) => result.id));
  const words = state.q.split(/\s+/);
  for (const [index, word] of words.entries()) {
    if (word.length < 2 * MIN_PART + 2) continue;
    // Cuts from the middle outwards: fewer searches, and parts that start alike share index chunks.
    const cuts = [];
    for (let cut = MIN_PART; cut <= word.length - MIN_PART; cut++) cuts.push(cut);
    cuts.sort((a, b) => Math.abs(2 * a - word.length) - Math.abs(2 * b - word.length) || b - a);
    for (const cut of cuts.slice(0, MAX_CUTS)) {
      const query = [...words.slice(0, index), word.slice(0, cut), word.slice(cut), ...words.slice(index + 1)].join(" ");
      const search = await pagefind.search(query, { filters: pagefindFilters(state.filters) });
      if (search.results.some((result) => !seen.has(result.id))) return query;
    }
  }
  return null;
}

/* For a query whose words find nothing: the nearest word in the index to a query word ("geheugehuis"
   gives "GeheugenHuis"), found through the longest start of the word that Pagefind knows, among
   the matched words of the first pages found; null when nothing is near (at most a quarter of
   the letters differ, and at least 2 may). */
async function suggestion(pagefind, query) {
  for (const word of query.split(/\s+/)) {
    if (word.length < MIN_PART + 1 || (await pagefind.search(word)).results.length) continue;
    for (let end = word.length - 1; end >= MIN_PART; end--) {
      const search = await pagefind.search(word.slice(0, end));
      if (!search.results.length) continue;
      const pages = await Promise.all(search.results.slice(0, 3).map((result) => result.data()));
      const candidates = pages.flatMap((page) => {
        const words = page.content.split(/\s+/);
        return page.locations.map((at) => (words[at] || "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""));
      }).filter(Boolean);
      const scored = candidates.map((candidate) => [distance(folded(word), folded(candidate)), candidate]);
      scored.sort((a, b) => a[0] - b[0]);
      if (scored.length && scored[0][0] <= Math.max(2, Math.floor(word.length / 4))) {
        return query.replace(word, scored[0][1]);
      }
      break;
    }
  }
  return null;
}

/* The filter panel: a button that opens it, then one fieldset of checkboxes per facet; counts change
   per search. The panel starts closed at every width and its fieldsets are built when it first
   opens (`fill`), or at once for filters given in the URL: the filter chunks of the index are the
   largest part of a first search, and most searches never use them. On a phone the open panel ends
   with a button back to the results. */
function buildFilters(onOpen, onChange, onShow) {
  const panel = element("div", "pb-filterpaneel");
  panel.id = "pb-filterpaneel";
  const toggle = element("button", "pb-filterknop", "Filters");
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", panel.id);
  const setOpen = (open) => {
    panel.classList.toggle("pb-filterpaneel--open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) onOpen();
  };
  toggle.addEventListener("click", () => setOpen(!panel.classList.contains("pb-filterpaneel--open")));
  panel.append(toggle);
  /* On a phone, the end of the open panel: close it and go to the results. */
  const show = element("button", "pb-toonknop", "Toon de resultaten");
  show.type = "button";
  show.addEventListener("click", () => {
    setOpen(false);
    onShow();
  });
  const boxes = [];
  /* One fieldset per facet with values in `totals` (from pagefind.filters()), before the show button. */
  function fill(totals) {
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
      show.before(fieldset);
    });
  }
  panel.append(show);
  return { panel, boxes, toggle, show, setOpen, fill };
}

/* The chosen filters as buttons that remove them, and one that removes them all. */
function chosenFilters(boxes, onRemove) {
  const chosen = boxes.filter(({ box }) => box.checked);
  const block = element("div", "pb-gekozen");
  if (!chosen.length) {
    block.hidden = true;
    return block;
  }
  const list = element("ul", "pb-gekozen__lijst");
  list.setAttribute("aria-label", "Gekozen filters");
  for (const choice of chosen) {
    const label = (FACETS.find(([key]) => key === choice.key) || [])[1];
    const button = element("button", "pb-gekozen__filter", `${label}: ${choice.value}`);
    button.type = "button";
    button.setAttribute("aria-label", `Filter ${label}: ${choice.value} weghalen`);
    button.addEventListener("click", () => onRemove([choice]));
    const item = element("li");
    item.append(button);
    list.append(item);
  }
  const all = element("button", "pb-gekozen__alles", "Wis alle filters");
  all.type = "button";
  all.addEventListener("click", () => onRemove(chosen));
  block.append(list, all);
  return block;
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
  const browse = root.querySelector(".pb-bladeren");
  const status = element("p", "pb-zoekstatus");
  status.setAttribute("role", "status");
  const results = element("ol", "pb-resultaten");
  results.id = "pb-resultaten";
  results.tabIndex = -1;
  results.setAttribute("aria-label", "Resultaten");
  results.setAttribute("aria-busy", "true");
  const more = element("button", "pb-meer", "Meer resultaten");
  more.type = "button";
  more.hidden = true;
  let chips = element("div", "pb-gekozen");
  const output = element("div", "pb-zoekuitkomst");
  output.append(chips, results, more);
  /* A link past the filters, straight to the results (the filters can be dozens of tab stops). */
  const skip = element("a", "pb-naar-resultaten", "Naar de resultaten");
  skip.href = "#pb-resultaten";
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    results.focus();
  });
  form.after(skip, status);
  const asked = stateFromUrl();
  // A query typed in the header box is never dropped: it shows while the search loads, and stays when it cannot.
  field.value = asked.q;
  if (asked.q) status.textContent = `Zoeken naar ‘${asked.q}’ …`;

  let pagefind;
  try {
    const bundle = new URL(root.dataset.bundle, location.href);
    pagefind = await import(bundle.href + "pagefind.js");
    // A large catalogue is indexed in several bundles (generator/site.py), searched as one, all with
    // the same excerpt length. A bundle of one kind of page gets that kind as a filter of all its
    // pages (Pagefind's mergeFilter), so searching it by kind fetches no filter chunk.
    const [first, ...others] = await (await fetch(new URL("bundels.json", bundle))).json();
    const options = (part) => ({ excerptLength: 24, ...(part.soort && { mergeFilter: { soort: part.soort } }) });
    // The index is small: searching on the main thread spares the first search the worker's 40 KB.
    await pagefind.options({ ...options(first), noWorker: true });
    for (const part of others) {
      await pagefind.mergeIndex(new URL("../" + part.bundel, bundle).href, options(part));
    }
    // Wait for the index's metadata and WebAssembly (a search for nothing fetches no chunks), so that
    // a browser that cannot load them gets the ways to browse.
    await pagefind.preload("");
  } catch (error) {
    const term = asked.q ? `Je zocht ‘${asked.q}’, maar zoeken` : "Zoeken";
    status.textContent = `${term} werkt nu niet in deze browser. Blader via de links hieronder.`;
    skip.remove();
    return;
  }
  browse.hidden = true;
  const { panel, boxes, toggle, show, setOpen, fill } = buildFilters(openFilters, go, () => results.focus());
  const layout = element("div", "pb-zoekkader");
  layout.append(panel, output);
  status.after(layout);

  let pending = [];
  let latest = 0;
  let shown = asked;  // the state of the latest search
  let totals = null;  // every facet's values with their counts in the whole index, once loaded
  let loading = null;

  /* Fetch every facet's values and counts (all filter chunks of all bundles) and build the fieldsets, once. */
  function loadFilters() {
    loading ||= pagefind.filters().then((all) => {
      totals = all;
      fill(all);
    });
    return loading;
  }

  /* The panel opened for the first time: its fieldsets, with the counts of the search shown. */
  async function openFilters() {
    if (loading) return;  // loaded before: every search since has shown its counts
    await loadFilters();
    const state = shown;
    checkBoxes(state);
    const counts = await countsOf(state);
    if (state === shown) showCounts(counts);
  }

  /* The counts of `state` for every facet value, reusing a search already run for it. */
  async function countsOf(state, search) {
    if (!state.q && !filterCount(state.filters)) return totals;
    search ||= await pagefind.search(state.q || null, { filters: pagefindFilters(state.filters) });
    return facetCounts(pagefind, totals, state, search);
  }

  function currentState() {
    const filters = {};
    for (const { key, value, box } of boxes) if (box.checked) (filters[key] ||= []).push(value);
    return { q: field.value.trim(), filters };
  }

  function showState(state) {
    field.value = state.q;
    checkBoxes(state);
  }

  function checkBoxes(state) {
    for (const { key, value, box } of boxes) box.checked = (state.filters[key] || []).includes(value);
  }

  /* Remove chosen filters (a chip or "Wis alle filters"), search again, keep the focus nearby. */
  function removeFilters(choices) {
    for (const { box } of choices) box.checked = false;
    go();
    (output.querySelector(".pb-gekozen__filter") || field).focus();
  }

  /* The chips and the filter button's count follow the chosen filters. */
  function showChosen(state) {
    const fresh = chosenFilters(boxes, removeFilters);
    chips.replaceWith(fresh);
    chips = fresh;
    const chosen = filterCount(state.filters);
    toggle.textContent = chosen ? `Filters (${chosen})` : "Filters";
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

  /* The results of `state`, practices first (found by a second, filtered search over the index
     chunks already loaded), and the query searched as well when a compound word
     was split. */
  async function find(state) {
    const filters = pagefindFilters(state.filters);
    // Practices first: that search loads the "soort" filter chunks of the bundles of several kinds
    // (a bundle of one kind has its kind already), so the next one counts the kinds.
    let practices = state.filters.soort ? [] : (await pagefind.search(state.q || null, { filters: { ...filters, soort: { any: ["Praktijk"] } } })).results;
    const search = await pagefind.search(state.q || null, { filters });
    let found = search.results;
    let alsoSearched = null;
    if (state.q && !practices.length && !state.filters.soort) {
      alsoSearched = await compoundQuery(pagefind, state, found);
      if (alsoSearched) {
        const seen = new Set(found.map((result) => result.id));
        found = found.concat((await pagefind.search(alsoSearched, { filters })).results.filter((result) => !seen.has(result.id)));
        practices = (await pagefind.search(alsoSearched, { filters: { ...filters, soort: { any: ["Praktijk"] } } })).results;
      }
    }
    const practiceIds = new Set(practices.map((result) => result.id));
    const ordered = [...found.filter((r) => practiceIds.has(r.id)), ...found.filter((r) => !practiceIds.has(r.id))];
    const kinds = alsoSearched ? null : kindCounts(search.filters.soort);
    return { search, ordered, kinds, alsoSearched };
  }

  /* "Bedoelde je …?" under a search whose words, unsplit, found nothing. */
  function showSuggestion(state, word) {
    const line = element("p", "pb-suggestie", "Bedoelde je ");
    const link = element("a", "", word);
    link.href = urlOfState({ q: word, filters: state.filters });
    line.append(link, "?");
    status.after(line);
  }

  /* Run the search of `state`; a newer search overtakes an older one still loading.
     The result list is aria-busy while a search runs. */
  async function run(state) {
    const ticket = ++latest;
    results.setAttribute("aria-busy", "true");
    root.querySelectorAll(".pb-suggestie").forEach((line) => line.remove());
    showChosen(state);
    shown = state;
    if (!state.q && !filterCount(state.filters)) {
      if (totals) showCounts(totals);
      pending = [];
      results.replaceChildren();
      more.hidden = true;
      skip.hidden = true;
      show.textContent = "Toon de resultaten";
      status.textContent = "Typ een zoekterm of kies een filter.";
    } else {
      const counted = totals !== null;  // else `search` counted the "soort" values alone
      const { search, ordered, kinds, alsoSearched } = await find(state);
      const counts = totals && (await countsOf(state, counted ? search : undefined));
      if (ticket !== latest) return;
      if (counts) showCounts(counts);
      pending = ordered.slice();
      results.replaceChildren();
      await showMore(ticket);
      if (ticket !== latest) return;
      const total = ordered.length;
      skip.hidden = total === 0;
      show.textContent = total === 1 ? "Toon 1 resultaat" : `Toon ${total} resultaten`;
      status.textContent = statusText(state, total, kinds, alsoSearched);
      if (search.results.length === 0 && state.q) {
        const word = await suggestion(pagefind, state.q);
        if (word && ticket === latest) showSuggestion(state, word);
      }
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

  // Filters given in the URL need their checkboxes now; on a wide screen the panel shows them.
  if (filterCount(asked.filters)) {
    await loadFilters();
    if (matchMedia("(min-width: 45em)").matches) setOpen(true);
  }
  showState(asked);
  run(asked);
}

const root = document.getElementById("pb-zoeken");
if (root) start(root);
