// Runs inside headless Chromium, after Microsoft's `adaptivecards` browser bundle (window.AdaptiveCards).
// Plain JavaScript because it is injected as is: the project's TypeScript compiles without the DOM.
(() => {
  const AC = window.AdaptiveCards;

  // Keys the renderer reads outside its property schemas, and the objects that read them.
  const structuralKeys = [
    ['type', (object) => object instanceof AC.CardObject],
    ['fallback', (object) => object instanceof AC.CardObject],
    ['body', (object) => object instanceof AC.AdaptiveCard],
    ['items', (object) => object instanceof AC.Container && !(object instanceof AC.AdaptiveCard)],
    ['actions', (object) => object instanceof AC.ContainerWithActions || object instanceof AC.ActionSet],
    ['columns', (object) => object instanceof AC.ColumnSet],
    ['card', (object) => object instanceof AC.ShowCardAction],
    ['inlines', (object) => object instanceof AC.RichTextBlock],
  ];
  // Teams reads these on the card itself; the reference renderer passes them by.
  const teamsCardKeys = ['$schema', 'msteams'];

  const eventName = (event) => AC.ValidationEvent[event] ?? String(event);

  function describe(object) {
    const type = typeof object.getJsonTypeName === 'function' ? object.getJsonTypeName() : object.constructor.name;
    return object.id ? `${type} "${object.id}"` : type;
  }

  function knownKeys(object) {
    const known = new Set();
    const schema = object.getSchema();
    for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
    for (const [key, applies] of structuralKeys) if (applies(object)) known.add(key);
    if (object instanceof AC.AdaptiveCard) for (const key of teamsCardKeys) known.add(key);
    return known;
  }

  function pick(json, keys) {
    return Object.fromEntries(keys.filter((key) => json[key] !== undefined).map((key) => [key, json[key]]));
  }

  window.crisisroomRenderCard = (json, hostConfig, targetVersion, refreshUserLimit) => {
    const problems = [];
    const parsed = [];
    // Every object the renderer builds goes through internalParse: seeing its source there shows the
    // properties it silently dropped (the renderer keeps unknown properties for forward compatibility).
    const internalParse = AC.SerializableObject.prototype.internalParse;
    AC.SerializableObject.prototype.internalParse = function (source, context) {
      internalParse.call(this, source, context);
      if (source && typeof source === 'object' && !Array.isArray(source)) parsed.push({ object: this, source });
    };
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfig);
    const context = new AC.SerializationContext(AC.Version.parse(targetVersion));
    try {
      card.parse(json, context);
    } finally {
      AC.SerializableObject.prototype.internalParse = internalParse;
    }

    for (let i = 0; i < context.eventCount; i++) {
      const event = context.getEventAt(i);
      problems.push(`parse: ${eventName(event.event)}: ${event.message}`);
    }
    for (const { object, source } of parsed) {
      const known = knownKeys(object);
      for (const key of Object.keys(source)) if (!known.has(key)) problems.push(`unknown property "${key}" on ${describe(object)}`);
    }
    for (const event of card.validateProperties().validationEvents) problems.push(`validation: ${eventName(event.event)}: ${event.message}`);
    const target = AC.Version.parse(targetVersion);
    if (!json || typeof json.version !== 'string') problems.push('the card has no version; Teams needs one');
    else if (card.version.compareTo(target) > 0) problems.push(`version ${json.version} is newer than ${targetVersion}, the newest Teams renders`);
    const userIds = card.refresh?.userIds;
    if (userIds && userIds.length > refreshUserLimit) problems.push(`refresh.userIds lists ${userIds.length} users; Teams refreshes at most ${refreshUserLimit}`);

    document.body.replaceChildren();
    const element = card.render();
    if (!element) problems.push('the renderer produced nothing');
    else document.body.append(element);

    const actions = card.getAllActions().map((action) => pick(action.toJSON(), ['type', 'id', 'title', 'verb', 'data', 'url']));
    const refresh = card.refresh
      ? { action: card.refresh.action ? pick(card.refresh.action.toJSON(), ['type', 'title', 'verb', 'data']) : null, userIds: card.refresh.userIds ?? [] }
      : null;
    return {
      text: element ? element.innerText : '',
      buttons: element ? [...element.querySelectorAll('button')].map((button) => button.innerText.trim() || button.getAttribute('aria-label') || '') : [],
      actions,
      refresh,
      problems,
    };
  };
})();
