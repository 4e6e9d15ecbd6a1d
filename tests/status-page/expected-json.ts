/** What Statuspage's JSON says of the Take Blip fixture's page and components, field by field. */
export const page = {
  id: 'takeblip',
  name: 'Take Blip Status',
  url: 'https://status.take.net',
  time_zone: 'America/Sao_Paulo',
  // INC-1042's latest update, the page's last change; the snapshot was built half a minute later.
  updated_at: '2021-09-13T12:20:00.000-03:00',
};

export const member = (id: string, name: string, position: number, status: string, updatedAt: string) => ({
  id,
  name,
  status,
  created_at: '2020-03-02T09:00:00.000-03:00',
  updated_at: updatedAt,
  position,
  description: null,
  showcase: true,
  start_date: null,
  group_id: 'grp-take-blip-platform',
  page_id: 'takeblip',
  group: false,
  only_show_if_degraded: false,
});
