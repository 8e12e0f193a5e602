// Everything that shapes one planned intervention, edited live by everyone: who it is for,
// who delivers it and how, when, at what cost, how success is measured, and the criteria.
import { statusLabel } from '../../../shared/wording';
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { frameworkIndex } from '../../../shared/framework';
import { planStatuses, type PlanItemView, type ItemScalarField, type PlanStatus } from '../../../shared/doc/layout';
import { itemText } from '../../../shared/doc';
import { useActions, useWorkshop } from '../store/context';
import { SharedTextArea } from './SharedTextArea';
import { OrganisationsField } from './OrganisationsField';
import { CriteriaChecklist } from './CriteriaChecklist';

export function PlanItemEditor({ item }: { item: PlanItemView }) {
  const doc = useWorkshop((s) => s.session.doc);
  const actions = useActions();
  const canEdit = useWorkshop((s) => s.canEdit);
  // Only the names: who is here, not where their pointers are.
  const people = useWorkshop(useShallow((s) => s.participants.map((p) => p.user.name)));
  const fw = frameworkIndex.framework;
  const text = (field: Parameters<typeof itemText>[2]) => ({ id: item.id, field, text: itemText(doc, item.id, field) });
  const evaluation = Object.fromEntries(fw.evaluation.fields.map((f) => [f.id, f]));
  const ownerList = useId();
  const partnerList = useId();

  return (
    <div className="plan-editor stack" aria-label={`Details of ${item.title}`} role="group">
      <Scalar
        item={item}
        field="customTitle"
        label="Title"
        placeholder={item.interventionId ? frameworkIndex.interventionById.get(item.interventionId)?.intervention.title : 'Name this intervention'}
        disabled={!canEdit}
      />
      <SelectField
        label="Status"
        value={item.status}
        options={planStatuses.map((s) => ({ value: s, label: statusLabel(s) }))}
        onChange={(v) => actions.setItemStatus(item.id, v as PlanStatus)}
        disabled={!canEdit}
      />
      <SharedTextArea
        key={`${item.id}-description`}
        field={text('description')}
        label="Description"
        hint="What will happen, in a sentence or two"
        disabled={!canEdit}
      />
      <SharedTextArea
        key={`${item.id}-audience`}
        field={text('audience')}
        label="Audience"
        hint="Who takes part: roles and numbers"
        rows={2}
        disabled={!canEdit}
      />
      <OrganisationsField itemId={item.id} organisations={item.organisations} disabled={!canEdit} />

      <h4>Delivery</h4>
      <SelectField
        label="Delivery route"
        value={item.deliveryRoute}
        options={[{ value: '', label: 'Not decided' }, ...fw.deliveryRoutes.map((r) => ({ value: r.id, label: r.name, title: r.description }))]}
        onChange={(v) => actions.setDeliveryRoute(item.id, v)}
        disabled={!canEdit}
      />
      <Scalar item={item} field="partner" label="Partner" list={partnerList} placeholder="An academy, AHSN, HEE local office…" disabled={!canEdit} />
      <datalist id={partnerList}>
        {fw.academies.map((a) => (
          <option key={a.id} value={`${a.name} Leadership Academy`} />
        ))}
        {fw.partners.map((p) => (
          <option key={p.id} value={p.name} />
        ))}
      </datalist>
      <Scalar item={item} field="owner" label="Owner" list={ownerList} placeholder="Who makes it happen" disabled={!canEdit} />
      <datalist id={ownerList}>
        {[...new Set(people)].map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="row gap">
        <Scalar item={item} field="start" label="Start date" type="date" disabled={!canEdit} />
        <Scalar item={item} field="end" label="End date" type="date" disabled={!canEdit} />
      </div>
      {item.start && item.end && item.end < item.start && (
        <p className="error small" role="alert">
          The end date is before the start date.
        </p>
      )}
      <div className="row gap">
        <Scalar item={item} field="cost" label="Cost" placeholder="e.g. £6,500" disabled={!canEdit} />
        <Scalar item={item} field="funding" label="Funding source" placeholder="Who pays" disabled={!canEdit} />
      </div>

      <h4>Evaluation</h4>
      <SharedTextArea
        key={`${item.id}-measures`}
        field={text('measuresOfSuccess')}
        label={evaluation.measuresOfSuccess!.label}
        hint={evaluation.measuresOfSuccess!.hint}
        rows={2}
        disabled={!canEdit}
      />
      <SharedTextArea
        key={`${item.id}-impacts`}
        field={text('expectedImpacts')}
        label={evaluation.expectedImpacts!.label}
        hint={evaluation.expectedImpacts!.hint}
        rows={2}
        disabled={!canEdit}
      />
      <CriteriaChecklist item={item} disabled={!canEdit} />
    </div>
  );
}

function Scalar({
  item,
  field,
  label,
  type = 'text',
  placeholder,
  list,
  disabled,
}: {
  item: PlanItemView;
  field: ItemScalarField;
  label: string;
  type?: string;
  placeholder?: string;
  list?: string;
  disabled: boolean;
}) {
  const actions = useActions();
  const id = useId();
  return (
    <div className="stack grow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        list={list}
        value={item[field]}
        placeholder={placeholder}
        disabled={disabled}
        maxLength={300}
        onChange={(e) => actions.typeItemField(item.id, field, e.target.value)}
        onBlur={() => actions.leaveItemField(item.id, field)}
      />
    </div>
  );
}

function SelectField({
  label,
  value,
  options,
  onChange,
  disabled,
}: {
  label: string;
  value: string;
  options: { value: string; label: string; title?: string }[];
  onChange: (v: string) => void;
  disabled: boolean;
}) {
  const id = useId();
  return (
    <div className="stack">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
