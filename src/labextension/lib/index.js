// My training (我的培训): the staff member's modules in a side panel, and a Check button on notebooks.
// Every text comes from the server (salesacademy.training.LABELS) in the learner's roster language;
// this file only lays it out and calls /academy/training/*.
import { ILabShell } from '@jupyterlab/application';
import { Dialog, ToolbarButton, showDialog } from '@jupyterlab/apputils';
import { URLExt } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';

const PANEL_ID = 'salesacademy-training';

async function call(path, body) {
  const settings = ServerConnection.makeSettings();
  const url = URLExt.join(settings.baseUrl, 'academy', 'training', path);
  const init = body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body) };
  const response = await ServerConnection.makeRequest(url, init, settings);
  const data = await response.json();
  return { status: response.status, data };
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'onclick') {
      node.addEventListener('click', value);
    } else {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

function messageBody(lines) {
  const body = element('div');
  body.append(element('p', {}, [lines[0]]));
  if (lines.length > 1) {
    body.append(element('ul', { class: 'sa-check-list' }, lines.slice(1).map(line => element('li', {}, [line]))));
  }
  return new Widget({ node: body });
}

class TrainingPanel extends Widget {
  constructor(app, tracker) {
    super();
    this.app = app;
    this.tracker = tracker;
    this.id = PANEL_ID;
    this.addClass('sa-training');
    this.title.closable = false;
    this.title.iconClass = 'jp-LauncherIcon';
    this.labels = null;
    this.message = '';
  }

  async refresh() {
    const { status, data } = await call('');
    this.labels = data.labels || this.labels;
    if (this.labels) {
      this.title.label = this.labels.title;
      this.title.caption = this.labels.title;
    }
    this.node.replaceChildren();
    if (status !== 200) {
      this.node.append(element('p', { class: 'sa-message' }, [data.error]));
      return;
    }
    this.modules = data.modules;
    this.render();
  }

  render() {
    const text = this.labels;
    this.node.replaceChildren(element('h2', {}, [text.title]), element('p', { class: 'sa-intro' }, [text.intro]));
    if (this.message) {
      this.node.append(element('p', { class: 'sa-message', role: 'status' }, [this.message]));
    }
    if (!this.modules.length) {
      this.node.append(element('p', {}, [text.nothing_assigned]));
      return;
    }
    const head = element('tr', {}, ['module', 'due', 'status', 'action'].map(key => element('th', {}, [text.columns[key]])));
    const rows = this.modules.map(module => this.row(module));
    this.node.append(element('table', {}, [element('thead', {}, [head]), element('tbody', {}, rows)]));
  }

  row(module) {
    const text = this.labels;
    const actions = [];
    const button = (label, action, primary = false) =>
      element('button', { class: primary ? 'sa-primary' : '', 'data-action': label, onclick: action }, [label]);
    if (!module.exercise) {
      actions.push(button(text.fetch, () => this.fetch(module), true));
    } else {
      if (module.lesson) {
        actions.push(button(text.lesson, () => this.open(module.lesson)));
      }
      actions.push(button(text.open, () => this.open(module.exercise), module.status === 'to-do' || module.status === 'overdue'));
      actions.push(button(text.validate, () => this.validate(module.exercise)));
      actions.push(button(text.submit, () => this.submit(module)));
      if (['passed', 'failed', 'awaiting-trainer', 'expired'].includes(module.status) || module.feedback) {
        actions.push(button(text.feedback, () => this.feedback(module)));
      }
    }
    return element('tr', { 'data-module': module.module_id }, [
      element('td', {}, [element('div', {}, [module.title]), element('div', { class: 'sa-kind' }, [module.kind])]),
      element('td', {}, [element('div', {}, [module.due_on]), element('div', { class: module.late ? 'sa-late' : 'sa-kind' }, [module.when_label])]),
      element('td', {}, [element('span', { class: `sa-status sa-status-${module.status}` }, [module.status_label])]),
      element('td', {}, actions)
    ]);
  }

  async open(path) {
    await this.app.commands.execute('docmanager:open', { path });
  }

  async fetch(module) {
    const { status, data } = await call('fetch', { module_id: module.module_id });
    this.message = status === 200 ? '' : data.error;
    await this.refresh();
    const fetched = this.modules.find(m => m.module_id === module.module_id);
    if (status === 200 && fetched) {
      await this.open(fetched.lesson || fetched.exercise);
    }
  }

  async save(path) {
    const open = this.tracker.find(panel => panel.context.path === path);
    if (open) {
      await open.context.save();
    }
  }

  async validate(path) {
    await this.save(path);
    const { status, data } = await call('validate', { path });
    if (status !== 200) {
      await showDialog({ title: this.labels.validate_title, body: data.error, buttons: [Dialog.okButton()] });
      return;
    }
    await showDialog({ title: data.title, body: messageBody([data.summary, ...data.problems]), buttons: [Dialog.okButton()] });
  }

  async submit(module, lateOk = false) {
    await this.save(module.exercise);
    const { status, data } = await call('submit', { module_id: module.module_id, late_ok: lateOk });
    if (status === 409) {
      const answer = await showDialog({
        title: this.labels.submit,
        body: data.late,
        buttons: [Dialog.cancelButton({ label: this.labels.cancel }), Dialog.warnButton({ label: this.labels.late_confirm })]
      });
      if (answer.button.accept) {
        await this.submit(module, true);
      }
      return;
    }
    this.message = status === 200 ? data.message : data.error;
    await this.refresh();
  }

  async feedback(module) {
    const { status, data } = await call('feedback', { module_id: module.module_id });
    if (status !== 200) {
      this.message = data.error;
      this.render();
      return;
    }
    this.message = '';
    await this.open(data.path);
  }
}

// A written answer is a Markdown cell: open it for typing, so the learner need not know to double-click.
function openWrittenAnswers(notebook) {
  notebook.context.ready.then(() => {
    for (const cell of notebook.content.widgets) {
      const grading = cell.model.getMetadata('nbgrader') || {};
      if (cell.model.type === 'markdown' && grading.solution && grading.grade) {
        cell.rendered = false;
      }
    }
  });
}

const plugin = {
  id: 'salesacademy-training:plugin',
  description: 'My training: the modules assigned to a staff member, and Check on their notebooks.',
  autoStart: true,
  requires: [ILabShell, INotebookTracker],
  activate: (app, shell, tracker) => {
    const panel = new TrainingPanel(app, tracker);
    shell.add(panel, 'main', { activate: true });
    tracker.widgetAdded.connect((_, notebook) => {
      openWrittenAnswers(notebook);
      const check = new ToolbarButton({
        className: 'sa-check',
        label: panel.labels ? panel.labels.validate : '✓',
        onClick: () => panel.validate(notebook.context.path)
      });
      notebook.toolbar.insertItem(0, 'salesacademy-check', check);
    });
    app.restored.then(async () => {
      await panel.refresh();
      shell.activateById(PANEL_ID);
    });
  }
};

export default plugin;
