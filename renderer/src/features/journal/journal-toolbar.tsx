import { useId } from 'react';

export interface Option {
  value: string;
  label: string;
}

interface SelectProps {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
}

function LabelledSelect({ label, value, options, onChange }: SelectProps) {
  const id = useId();
  return (
    <div className="journal-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface JournalToolbarProps {
  search: { label: string; placeholder: string; value: string; onChange: (value: string) => void };
  service: SelectProps;
  stage: SelectProps;
  deadline: SelectProps;
  /** The okrug filter: on the district's desk only. */
  okrug?: SelectProps;
  sort: SelectProps;
}

/** Search box and filters; every control has a visible label. */
export function JournalToolbar(props: JournalToolbarProps) {
  const searchId = useId();
  return (
    <div className="journal-toolbar">
      <div className="journal-field journal-search">
        <label htmlFor={searchId}>{props.search.label}</label>
        <input
          id={searchId}
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={props.search.placeholder}
          value={props.search.value}
          onChange={(e) => props.search.onChange(e.target.value)}
        />
      </div>
      {props.okrug && <LabelledSelect {...props.okrug} />}
      <LabelledSelect {...props.service} />
      <LabelledSelect {...props.stage} />
      <LabelledSelect {...props.deadline} />
      <LabelledSelect {...props.sort} />
    </div>
  );
}
