/**
 * A host config with the settings of Microsoft Teams' light theme that change what a card shows or
 * refuses: Teams' fonts and sizes, spacing, at most 6 actions, interactive cards, no custom styles.
 * The values follow the Teams host config Microsoft publishes with the Adaptive Cards samples;
 * colours are reduced to the default ones, which no test reads.
 */
const fontSizes = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const fontWeights = { lighter: 200, default: 400, bolder: 600 };

export const teamsHostConfig = {
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#EEEEEE' },
  imageSizes: { small: 32, medium: 52, large: 100 },
  fontStyles: {
    default: { fontFamily: "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif", fontSizes, fontWeights },
    monospace: { fontFamily: "'Courier New', Courier, monospace", fontSizes, fontWeights },
  },
  actions: {
    maxActions: 6,
    spacing: 'Default',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 16,
  },
};

/** Teams renders Adaptive Cards up to this schema version (Action.Execute and refresh need 1.4+; Microsoft asks for 1.5). */
export const teamsCardVersion = '1.5';

/** Teams refreshes a card automatically for at most this many users listed in refresh.userIds. */
export const teamsRefreshUserLimit = 60;
