/** The trackers follow-ups can be created in. */
export type TrackerKind = 'github' | 'jira' | 'linear';

/** The trackers as people name them. */
export const trackerNames: Record<TrackerKind, string> = { github: 'GitHub', jira: 'Jira', linear: 'Linear' };

/** An issue as its tracker names it ("owner/name#12", "OPS-12", "ENG-12"), and its page. */
export interface TrackerIssue {
  key: string;
  url: string;
}

interface NewIssue {
  title: string;
  /** The body's paragraphs, as plain text: each tracker writes them in its own format. */
  lines: string[];
  /** The follow-up's id (F12): the issue carries it as a marker, to be found again when the answer to creating it was lost. */
  followUp: string;
}

/** What creating a follow-up's issue needs of a tracker. */
export interface IssueTracker {
  kind: TrackerKind;
  /** The longest title the tracker takes, in characters. */
  titleLimit: number;
  create(issue: NewIssue): Promise<TrackerIssue>;
  /** The issue marked as the follow-up's, among those updated since `since`; null when there is none. */
  find(followUp: string, since: Date): Promise<TrackerIssue | null>;
  /** Reads where issues go, as creating one would: what it found ("repository acme/platform"), or the refusal thrown. */
  check(): Promise<string>;
}
