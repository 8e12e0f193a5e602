// Pins resources/framework.json to the framework document ("Developing Systems Leadership:
// Interventions, Options and Opportunities") and checks that a damaged copy fails loudly,
// with a FrameworkError that names the bad field.
import { describe, it, expect } from 'vitest';
import { framework, parseFramework, FrameworkError } from '../../shared/framework';
import raw from '../../resources/framework.json';

type RawFramework = typeof raw;

/** A deep copy of the shipped JSON with one change applied; the original is never touched. */
function damaged(change: (copy: RawFramework) => void): RawFramework {
  const copy = structuredClone(raw);
  change(copy);
  return copy;
}

/** Parses `data`, expecting a FrameworkError whose message contains every fragment. */
function expectFrameworkError(data: unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    parseFramework(data);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FrameworkError);
  const message = (caught as FrameworkError).message;
  for (const fragment of fragments) expect(message).toContain(fragment);
}

const domain = (id: string) => {
  const found = framework.domains.find((d) => d.id === id);
  if (!found) throw new Error(`no domain ${id}`);
  return found;
};
const texts = (entries: readonly { text: string }[]) => entries.map((e) => e.text);
const titles = (domainId: string) => domain(domainId).interventions.map((i) => i.title);
const academy = (id: string) => {
  const found = framework.academies.find((a) => a.id === id);
  if (!found) throw new Error(`no academy ${id}`);
  return found;
};

describe('framework.json content', () => {
  it('parses the shipped JSON to the same data the app uses', () => {
    expect(parseFramework(raw)).toEqual(framework);
  });

  it('names the document, its publisher and the definition of Systems Leadership', () => {
    expect(framework.title).toBe('Developing Systems Leadership: Interventions, Options and Opportunities');
    expect(framework.publisher).toBe('NHS Leadership Academy and the Local Leadership Academies');
    expect(framework.definition).toBe(
      'Leadership across organisational and geopolitical boundaries, beyond individual professional disciplines, within a range of organisational and stakeholder cultures, often without direct managerial control.',
    );
  });

  it('has the four domains in document order', () => {
    expect(framework.domains.map((d) => [d.id, d.name, d.shortName])).toEqual([
      ['individual-effectiveness', 'Individual Effectiveness', 'Individual'],
      ['relationships-and-connectivity', 'Relationships and Connectivity', 'Relationships'],
      ['innovation-and-improvement', 'Innovation and Improvement', 'Innovation'],
      ['learning-and-capacity-building', 'Learning and Capacity Building', 'Learning'],
    ]);
  });

  it('keeps the document description of each domain', () => {
    expect(domain('relationships-and-connectivity').description).toBe(
      'Creating the right kind of relationships with communities and partners; people coming together for a purpose; place based, system/service or pathway led and aiming to develop consistency of approach or to tackle complex issues collectively.',
    );
    expect(domain('individual-effectiveness').description).toBe(
      'focuses on the effectiveness and resilience of the individual and their role in the organisation and the system. Aims to develop new behaviours and ways of working that promote a collaborative approach.',
    );
  });

  it('has 7, 10, 7 and 6 rows of roles and behaviours', () => {
    expect(framework.domains.map((d) => d.roles.length)).toEqual([7, 10, 7, 6]);
    expect(framework.domains.map((d) => d.behaviours.length)).toEqual([7, 10, 7, 6]);
  });

  it('keeps the exact wording of roles and behaviours, row by row', () => {
    const ie = domain('individual-effectiveness');
    expect(ie.roles[0]).toEqual({
      id: 'ie-role-1',
      text: 'Setting up multi-agency, multi-disciplinary teams while developing inclusive environments and systems',
    });
    expect(ie.roles[2]?.text).toBe('Enabler role, holding people to account for the work');
    expect(ie.behaviours[2]?.text).toBe('Patience, persistence and resilience');
    expect(ie.behaviours[6]).toEqual({ id: 'ie-behaviour-7', text: 'Has a spirit of volunteering and collegiate approach to work' });

    const rc = domain('relationships-and-connectivity');
    expect(rc.roles[0]?.text).toBe('Create shared vision');
    expect(rc.roles[6]?.text).toBe('Energising the social networks/capital – connect people to the change');
    expect(rc.roles[9]).toEqual({ id: 'rc-role-10', text: 'Educating and empowering patients, carers, service users, citizens' });
    expect(rc.behaviours[1]?.text).toBe('Concede organisational goals for benefit of the system');
    expect(rc.behaviours[8]?.text).toBe('Horizon scanning for new ideas and ways of working');

    const ii = domain('innovation-and-improvement');
    expect(ii.roles[5]?.text).toBe('Adapting and adopting');
    expect(ii.behaviours[4]?.text).toBe('Role modelling innovative ways of “thinking and being”');
    expect(ii.behaviours[5]?.text).toBe('Insatiable curiosity');

    const lcb = domain('learning-and-capacity-building');
    expect(texts(lcb.roles)).toEqual([
      'Share, disseminate and champion learning and insights across wider system',
      'Investment in discovery, learning and sharing',
      'Building inclusive leadership capability at organisation and system level',
      'Exploring tacit knowledge/learning in action',
      'Self-awareness, discovery and development',
      'Developing talent at all levels',
    ]);
    expect(texts(lcb.behaviours)).toEqual([
      'Able to transfer ‘good practice’ – scale and adapt',
      'Understanding different environments, cultures, politics and drivers',
      'Courageous unlearning',
      'Understand what Systems Leadership is and the tools and techniques available',
      'Developing emotional intelligence and humility',
      'Adopting inclusive talent management approaches',
    ]);
  });

  it('numbers role and behaviour ids by row', () => {
    const prefixes = ['ie', 'rc', 'ii', 'lcb'];
    framework.domains.forEach((d, di) => {
      expect(d.roles.map((r) => r.id)).toEqual(d.roles.map((_, i) => `${prefixes[di]}-role-${i + 1}`));
      expect(d.behaviours.map((b) => b.id)).toEqual(d.behaviours.map((_, i) => `${prefixes[di]}-behaviour-${i + 1}`));
    });
  });

  it('has 6, 7, 4 and 4 interventions (21 in all) with unique ids', () => {
    expect(framework.domains.map((d) => d.interventions.length)).toEqual([6, 7, 4, 4]);
    const ids = framework.domains.flatMap((d) => d.interventions.map((i) => i.id));
    expect(ids).toHaveLength(21);
    expect(new Set(ids).size).toBe(21);
  });

  it('keeps the Menu of Interventions titles under their domains', () => {
    expect(titles('individual-effectiveness')).toEqual([
      'Leadership Development Programmes',
      'Coaching and Mentoring',
      'Developing Inclusive Mindsets and Behaviours',
      'Skills Development Workshops',
      'Shadowing, Buddying, Exposure to Different Roles and Environments',
      'Individual Diagnostics',
    ]);
    expect(titles('relationships-and-connectivity')).toContain('Action Learning Sets');
    expect(titles('relationships-and-connectivity')).toContain('Team and Group Diagnostics');
    expect(titles('innovation-and-improvement')).toEqual([
      'Leading Complex Change',
      'Designing and Leading Agile and Lean Services',
      'Quality Improvement Skills',
      'Innovation through Thinking Differently',
    ]);
    expect(titles('learning-and-capacity-building')).toContain('Developing Diverse Community Engagement/ Social Movements');
    expect(domain('relationships-and-connectivity').interventions[1]).toEqual({
      id: 'action-learning-sets',
      title: 'Action Learning Sets',
    });
    expect(domain('individual-effectiveness').interventions[4]?.id).toBe('shadowing-buddying-exposure-to-different-roles-and-environments');
  });

  it('has the four Start Anywhere lenses', () => {
    expect(framework.lenses).toEqual([
      { id: 'people', name: 'People', question: 'Who are the right people?' },
      { id: 'priority', name: 'Priority', question: 'What is the priority to work on?' },
      { id: 'place', name: 'Place', question: 'In what place?' },
      { id: 'purpose', name: 'Purpose', question: 'For what purpose?' },
    ]);
  });

  it('has the five useful criteria, two of them computed from plan data', () => {
    expect(framework.criteria.map((c) => c.id)).toEqual(['forward-view', 'workforce-strategy', 'multi-organisational', 'develops-leadership', 'affordable']);
    expect(framework.criteria[0]?.text).toBe(
      "The intervention is likely to bring the Five Year Forward View steps nearer (and is not too focused just on 'enabling' or preparatory work)",
    );
    expect(framework.criteria[2]?.text).toBe('The audience is multi-organisational (at a minimum) or multi-agency');
    expect(framework.criteria[4]?.text).toBe('That the intervention is affordable/funded');
    expect(framework.criteria.map((c) => c.computedFrom)).toEqual([null, null, 'multi-organisational', null, 'funded']);
  });

  it('has the four delivery routes and the partners an academy brokers with', () => {
    expect(framework.deliveryRoutes.map((r) => [r.id, r.name])).toEqual([
      ['provide-directly', 'Provide directly'],
      ['commission', 'Commission'],
      ['signpost', 'Signpost'],
      ['broker', 'Broker'],
    ]);
    expect(framework.partners.map((p) => p.name)).toEqual(['Academic Health Science Networks', 'Health Education England local offices', 'Other agencies']);
  });

  it('describes evaluation with its two fields and the evaluation framework', () => {
    expect(framework.evaluation.description).toContain(
      'Each of the interventions in the table will have its own measures of success and expected impacts described when agreed with the recipients.',
    );
    expect(framework.evaluation.fields.map((f) => [f.id, f.label])).toEqual([
      ['measuresOfSuccess', 'Measures of success'],
      ['expectedImpacts', 'Expected impacts'],
    ]);
    expect(framework.evaluation.reference).toBe('NHS Leadership Development Evaluation Framework');
  });

  it('lists the ten Local Leadership Academies in the order of the document', () => {
    expect(framework.academies.map((a) => a.name)).toEqual([
      'East Midlands',
      'North West',
      'East of England',
      'South West',
      'Kent, Surrey and Sussex',
      'Thames Valley and Wessex',
      'London',
      'West Midlands',
      'North East',
      'Yorkshire and the Humber',
    ]);
  });

  it('keeps the academies contact details', () => {
    expect(academy('east-midlands')).toEqual({
      id: 'east-midlands',
      name: 'East Midlands',
      phones: ['0115 748 4277'],
      email: 'eastmidlands.leadershipacademy@nottshc.nhs.uk',
      web: 'http://www.leadershipeastmidlands.nhs.uk',
    });
    expect(academy('south-west').phones).toEqual(['01823 361 126', '01823 361 128']);
    expect(academy('south-west').email).toBe('leadership.sw@hee.nhs.uk');
    expect(academy('east-of-england').web).toBe('https://eoeleadership.hee.nhs.uk');
    expect(academy('yorkshire-and-the-humber')).toMatchObject({
      phones: ['0113 887 1688'],
      email: 'contactus.yh@hee.nhs.uk',
      web: 'http://www.hee.nhs.uk/hee-your-area/yorkshire-humber',
    });
  });
});

describe('parseFramework on damaged data', () => {
  it('rejects a framework with a domain removed', () => {
    expectFrameworkError(
      damaged((fw) => void fw.domains.splice(2, 1)),
      'domains',
      'exactly four domains',
    );
  });

  it('rejects an emptied role text, naming its path', () => {
    expectFrameworkError(
      damaged((fw) => {
        fw.domains[1]!.roles[0]!.text = '   ';
      }),
      'domains[1].roles[0].text',
      'must not be empty',
    );
  });

  it('rejects a broken academy email, naming its path', () => {
    expectFrameworkError(
      damaged((fw) => {
        fw.academies[3]!.email = 'leadership.sw-at-hee.nhs.uk';
      }),
      'academies[3].email',
    );
  });

  it('rejects an unknown key, naming where it is and what it is', () => {
    expectFrameworkError(
      damaged((fw) => {
        Object.assign(fw.domains[2]!, { colour: '#ff0000' });
      }),
      'domains[2]',
      'colour',
    );
  });

  it('rejects a duplicated intervention id, naming both places', () => {
    expectFrameworkError(
      damaged((fw) => {
        fw.domains[3]!.interventions[1]!.id = fw.domains[0]!.interventions[0]!.id;
      }),
      'domains[3].interventions[1].id',
      'leadership-development-programmes',
      'domains[0].interventions[0]',
    );
  });

  it('rejects a roles/behaviours table with unequal columns', () => {
    expectFrameworkError(
      damaged((fw) => void fw.domains[0]!.behaviours.pop()),
      'domains[0].behaviours',
    );
  });

  it('leaves the shipped JSON intact after the damaged copies', () => {
    expect(parseFramework(raw)).toEqual(framework);
  });
});
