import type { ComponentState } from '../../domain/component.ts';
import type { Messages } from '../../i18n/messages.ts';
import { worstState, type PageEntry } from '../../domain/public-page/component-groups.ts';
import type { PublicComponent } from '../../domain/public-page/snapshot.ts';
import { escapeHtml } from './escape.ts';
import { stateIcon } from './icons.ts';

/** `below` adds markup under a component's row (its uptime bars); groups get none of their own. */
export function renderComponents(layout: readonly PageEntry[], text: Messages, below: (component: PublicComponent) => string = () => ''): string {
  const items = layout.map((entry) => {
    if (entry.kind === 'component') {
      return `<li class="component">${row(entry.component.name, entry.component.status, text)}${below(entry.component)}</li>`;
    }
    const members = entry.members.map((member) => `<li class="component">${row(member.name, member.status, text)}${below(member)}</li>`).join('\n');
    const state = worstState(entry.members.map((member) => member.status));
    return `<li class="component-group" id="${escapeHtml(entry.id)}">${row(entry.name, state, text, 'group-name')}
<ul class="members">
${members}
</ul>
</li>`;
  });
  return `<section class="components" aria-labelledby="components-title">
<h2 id="components-title">${escapeHtml(text.components)}</h2>
<ul class="component-list">
${items.join('\n')}
</ul>
</section>`;
}

function row(name: string, state: ComponentState, text: Messages, nameClass = 'name'): string {
  return `<div class="row"><span class="${nameClass}">${escapeHtml(name)}</span><span class="state state-${state}">${stateIcon(state)}${escapeHtml(text.componentState[state])}</span></div>`;
}
