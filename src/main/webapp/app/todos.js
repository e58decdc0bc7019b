// The todo list: what the service holds (newest first, loaded page by page), the changes in flight drawn over it
// until the service answers (optimistic updates, rolled back when it refuses), and its rendering in TodoMVC's markup.
import { ApiError, todos as api } from './api.js';

const PAGE = 50;
const MOST_PER_REQUEST = 100;
const FILTERS = { '#/': 'all', '#/active': 'active', '#/completed': 'completed' };

export function filterOf(hash) {
  return FILTERS[hash] || 'all';
}

function matches(filter, todo) {
  return filter === 'all' || (filter === 'completed') === todo.is_finished;
}

export class TodoList {
  constructor(root, { onError, onBusy, onMarkAll }) {
    this.root = root;
    this.onError = onError;
    this.onBusy = onBusy;
    this.onMarkAll = onMarkAll;
    this.filter = 'all';
    this.items = [];
    this.next = null;
    this.counts = { all: 0, active: 0, completed: 0 };
    this.pending = new Map(); // id -> [{ content?, is_finished?, deleted? }, ...] drawn over it until answered
    this.creating = []; // { key, content } not yet stored
    this.elements = new Map(); // id -> <li>
    this.generation = 0; // bumped on every reload, so a late answer for an old filter is dropped
    this.refreshing = null;
    this.refreshAgain = false;
    // A read that overlaps a change of ours may or may not include it: its answer is not shown, it is read again
    // once no change is in flight (else the count or a todo would jump back for a moment).
    this.inFlight = 0;
    this.changesDone = 0;
    this.readWanted = false;
    this.bind();
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  bind() {
    this.$('.new-todo').addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      const content = event.target.value.trim();
      if (content) {
        event.target.value = '';
        this.add(content);
      }
    });
    this.$('.toggle-all').addEventListener('change', (event) => this.toggleAll(event.target.checked));
    this.$('.load-more').addEventListener('click', () => this.loadMore());
    const list = this.$('.todo-list');
    list.addEventListener('change', (event) => {
      if (event.target.classList.contains('toggle')) this.toggle(idOf(event.target), event.target.checked);
    });
    list.addEventListener('click', (event) => {
      if (event.target.classList.contains('destroy')) this.remove(idOf(event.target));
    });
    list.addEventListener('dblclick', (event) => {
      if (event.target.tagName === 'LABEL') this.startEditing(idOf(event.target));
    });
    list.addEventListener('keydown', (event) => {
      // Keyboard users: Enter or F2 on a focused item starts editing it.
      if (event.target.tagName === 'LABEL' && (event.key === 'Enter' || event.key === 'F2')) {
        event.preventDefault();
        this.startEditing(idOf(event.target));
      } else if (event.target.classList.contains('edit')) {
        if (event.key === 'Enter' && !event.isComposing) event.target.blur();
        if (event.key === 'Escape') {
          event.target.dataset.cancelled = 'true';
          event.target.blur();
        }
      }
    });
    list.addEventListener('focusout', (event) => {
      if (event.target.classList.contains('edit')) this.finishEditing(idOf(event.target), event.target);
    });
    // Infinite scroll: the "Load more" button loads by itself when it scrolls into view.
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && this.next && !this.loadingMore) this.loadMore();
    }).observe(this.$('.load-more'));
  }

  // ---- reading -------------------------------------------------------------------------------------------------

  /**
   * Empties the list for another filter without reading it; for another account ({@code newAccount}) its counts
   * and changes in flight go too (their answers, when they come, are dropped: see {@code generation}).
   */
  reset(filter, newAccount = false) {
    this.filter = filter;
    this.generation += 1;
    this.items = [];
    this.next = null;
    if (newAccount) {
      this.counts = { all: 0, active: 0, completed: 0 };
      this.pending.clear();
      this.creating = [];
    }
    this.render();
  }

  async show(filter) {
    this.reset(filter);
    await this.refresh();
  }

  /**
   * Reads again as many todos as are loaded (at least a page) and the counts: after a live "changed" event, a
   * reconnection, or a job. Calls that arrive while one runs are merged into one more run.
   */
  refresh() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.reload(Math.max(this.items.length, PAGE));
        } while (this.refreshAgain);
      } catch (error) {
        this.onError(error);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  async reload(wanted) {
    const generation = this.generation;
    const filter = this.filter;
    const changesDone = this.changesDone;
    const overlapped = this.inFlight > 0;
    const [counts, loaded] = await Promise.all([api.counts(), this.fetchAtLeast(filter, wanted)]);
    if (generation !== this.generation) return;
    if (this.inFlight > 0) {
      this.readWanted = true; // read when the last change in flight is answered
      return;
    }
    if (overlapped || changesDone !== this.changesDone) {
      this.refreshAgain = true; // the changes it overlapped are answered by now: read again at once
      return;
    }
    this.counts = counts;
    this.items = loaded.items;
    this.next = loaded.next;
    this.render();
  }

  async fetchAtLeast(filter, wanted) {
    const items = [];
    let next = null;
    do {
      const page = await api.page(filter, Math.min(MOST_PER_REQUEST, wanted - items.length), next);
      items.push(...page.data);
      next = page.next;
    } while (next && items.length < wanted);
    return { items, next };
  }

  async loadMore() {
    if (!this.next || this.loadingMore) return;
    this.loadingMore = true;
    const generation = this.generation;
    try {
      const page = await api.page(this.filter, PAGE, this.next);
      if (generation !== this.generation) return;
      const known = new Set(this.items.map((todo) => todo.id));
      this.items.push(...page.data.filter((todo) => !known.has(todo.id)));
      this.next = page.next;
      this.render();
    } catch (error) {
      this.onError(error);
      return;
    } finally {
      this.loadingMore = false;
    }
    // The observer only reports changes: when the button is still in view after a short page, go on.
    const button = this.$('.load-more');
    if (this.next && !button.hidden && button.getBoundingClientRect().top < window.innerHeight) this.loadMore();
  }

  // ---- changing (optimistic) -----------------------------------------------------------------------------------

  async add(content) {
    const entry = { key: crypto.randomUUID(), content };
    const generation = this.generation;
    this.began();
    this.creating.unshift(entry);
    this.adjustCounts(1, 1);
    this.render();
    try {
      // The key makes a retried or doubled request create one todo.
      const created = await api.add(content, entry.key);
      if (generation !== this.generation) return; // another filter or account by now: its next read shows it
      if (matches(this.filter, created) && !this.items.some((todo) => todo.id === created.id)) {
        this.items.unshift(created);
      }
    } catch (error) {
      if (generation === this.generation) this.adjustCounts(-1, -1);
      const input = this.$('.new-todo');
      if (!input.value) input.value = content; // nothing typed is lost
      this.onError(error);
    } finally {
      this.creating = this.creating.filter((other) => other !== entry);
      this.render();
      this.ended();
    }
  }

  toggle(id, finished) {
    const todo = this.current(id);
    if (!todo || todo.is_finished === finished) return Promise.resolve();
    const delta = finished ? -1 : 1;
    return this.change(id, { is_finished: finished }, () => api.edit(id, { is_finished: finished }),
      (sign) => this.adjustCounts(0, delta, sign));
  }

  async toggleAll(finished) {
    const targets = this.visible().filter((todo) => !todo.creating && todo.is_finished !== finished);
    if (targets.length < (finished ? this.counts.active : this.counts.completed)) {
      // Some of them are not loaded (more pages, or another filter): one job changes them all on the server.
      await this.onMarkAll(finished);
      return;
    }
    this.onBusy(true);
    try {
      // A few at a time: the node's rate limit is per account, and the order of the answers does not matter.
      for (let i = 0; i < targets.length; i += 4) {
        await Promise.all(targets.slice(i, i + 4).map((todo) => this.toggle(todo.id, finished)));
      }
    } finally {
      this.onBusy(false);
    }
  }

  remove(id) {
    const todo = this.current(id);
    if (!todo) return Promise.resolve();
    return this.change(id, { deleted: true }, async () => {
      try {
        await api.remove(id);
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error; // already gone: what was asked
      }
      return null;
    }, (sign) => this.adjustCounts(-1, todo.is_finished ? 0 : -1, sign));
  }

  edit(id, content) {
    const todo = this.current(id);
    if (!todo || todo.content === content) return Promise.resolve();
    return this.change(id, { content }, () => api.edit(id, { content }), () => {});
  }

  /** Draws {@code overlay} over the todo at once, sends the change, keeps the answer or rolls back. */
  async change(id, overlay, send, countChange) {
    const generation = this.generation;
    this.began();
    const overlays = this.pending.get(id) || [];
    overlays.push(overlay);
    this.pending.set(id, overlays);
    countChange(1);
    this.render();
    try {
      const stored = await send();
      if (generation !== this.generation) return; // the list was emptied meanwhile: its next read shows this
      const index = this.items.findIndex((todo) => todo.id === id);
      if (stored === null) {
        if (index >= 0) this.items.splice(index, 1);
      } else if (index >= 0) {
        this.items[index] = stored;
      }
    } catch (error) {
      if (generation === this.generation) countChange(-1);
      this.onError(error);
    } finally {
      overlays.splice(overlays.indexOf(overlay), 1);
      if (overlays.length === 0) this.pending.delete(id);
      this.render();
      this.ended();
    }
  }

  began() {
    this.inFlight += 1;
  }

  ended() {
    this.inFlight -= 1;
    this.changesDone += 1;
    if (this.inFlight === 0 && this.readWanted) {
      this.readWanted = false;
      this.refresh();
    }
  }

  adjustCounts(all, active, sign = 1) {
    this.counts = {
      all: this.counts.all + all * sign,
      active: this.counts.active + active * sign,
      completed: this.counts.completed + (all - active) * sign,
    };
  }

  startEditing(id) {
    const li = this.elements.get(id);
    if (!li || li.classList.contains('pending-create')) return;
    li.classList.add('editing');
    const input = li.querySelector('.edit');
    input.value = this.current(id).content;
    delete input.dataset.cancelled;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  finishEditing(id, input) {
    const li = this.elements.get(id);
    if (!li || !li.classList.contains('editing')) return;
    li.classList.remove('editing');
    if (input.dataset.cancelled) {
      delete input.dataset.cancelled;
      this.render();
      return;
    }
    const content = input.value.trim();
    if (content) this.edit(id, content);
    else this.remove(id);
    this.render();
  }

  // ---- what is drawn -------------------------------------------------------------------------------------------

  current(id) {
    const todo = this.items.find((item) => item.id === id);
    return todo && withPending(todo, this.pending.get(id));
  }

  visible() {
    const creating = this.filter === 'completed' ? [] : this.creating.map((entry) => ({
      id: `new-${entry.key}`, content: entry.content, is_finished: false, creating: true,
    }));
    const stored = this.items.map((todo) => withPending(todo, this.pending.get(todo.id)))
      .filter((todo) => !todo.deleted && matches(this.filter, todo));
    return [...creating, ...stored];
  }

  render() {
    const shown = this.visible();
    const list = this.$('.todo-list');
    const keep = new Set();
    let previous = null;
    for (const todo of shown) {
      keep.add(todo.id);
      let li = this.elements.get(todo.id);
      if (!li) {
        li = itemElement(todo.id);
        this.elements.set(todo.id, li);
      }
      update(li, todo);
      const wanted = previous ? previous.nextSibling : list.firstChild;
      if (wanted !== li) list.insertBefore(li, wanted);
      previous = li;
    }
    for (const [id, li] of this.elements) {
      if (!keep.has(id)) {
        li.remove();
        this.elements.delete(id);
      }
    }
    const { all, active, completed } = this.counts;
    const anything = all > 0 || shown.length > 0;
    this.$('.main').hidden = !anything;
    this.$('.footer').hidden = !anything;
    const toggleAll = this.$('.toggle-all');
    toggleAll.checked = all > 0 && active === 0;
    const count = this.$('.todo-count');
    count.replaceChildren(strong(Math.max(active, 0)), ` ${active === 1 ? 'item' : 'items'} left`);
    this.$('.clear-completed').hidden = completed <= 0;
    for (const link of this.root.querySelectorAll('.filters a')) {
      const selected = filterOf(link.getAttribute('href')) === this.filter;
      link.classList.toggle('selected', selected);
      if (selected) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    this.$('.load-more').hidden = !this.next;
  }
}

function withPending(todo, overlays = []) {
  return Object.assign({ ...todo }, ...overlays);
}

function idOf(element) {
  return element.closest('li').dataset.id;
}

function strong(number) {
  const element = document.createElement('strong');
  element.textContent = String(number);
  return element;
}

function itemElement(id) {
  const li = document.createElement('li');
  li.dataset.id = id;
  const view = document.createElement('div');
  view.className = 'view';
  const toggle = document.createElement('input');
  toggle.className = 'toggle';
  toggle.type = 'checkbox';
  const label = document.createElement('label');
  label.tabIndex = 0;
  const destroy = document.createElement('button');
  destroy.className = 'destroy';
  const edit = document.createElement('input');
  edit.className = 'edit';
  view.append(toggle, label, destroy);
  li.append(view, edit);
  return li;
}

function update(li, todo) {
  li.classList.toggle('completed', todo.is_finished);
  li.classList.toggle('pending-create', Boolean(todo.creating));
  const label = li.querySelector('label');
  if (label.textContent !== todo.content) label.textContent = todo.content;
  label.title = 'Double-click, Enter or F2 to edit';
  const toggle = li.querySelector('.toggle');
  toggle.checked = todo.is_finished;
  toggle.disabled = Boolean(todo.creating);
  toggle.setAttribute('aria-label', `${todo.is_finished ? 'Reopen' : 'Finish'} “${todo.content}”`);
  const destroy = li.querySelector('.destroy');
  destroy.disabled = Boolean(todo.creating);
  destroy.setAttribute('aria-label', `Delete “${todo.content}”`);
  li.querySelector('.edit').setAttribute('aria-label', `Edit “${todo.content}”`);
}
