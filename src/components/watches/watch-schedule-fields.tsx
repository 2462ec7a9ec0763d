"use client";

import { useId, useState } from "react";
import { useWatch } from "react-hook-form";
import { formatHour, weekdayName } from "@/lib/watch-words";
import { CRON_MAX_CHARS, weekdays, type WatchSchedule } from "@/shared/watches";
import { scheduleErrorsOf, type WatchDetailsForm } from "./watch-details";

const hours = Array.from({ length: 24 }, (_, hour) => hour);

const kindLabels: Record<WatchSchedule["kind"], { title: string; detail: string }> = {
  daily: { title: "Daily", detail: "Every day at an hour" },
  weekly: { title: "Weekly", detail: "One day a week at an hour" },
  cron: { title: "Cron expression", detail: "Anything else, at most once an hour" },
};

/** The IANA zones this browser knows, for the time zone field's suggestions. */
function knownTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/**
 * When a watch runs: daily or weekly at an hour, or a cron expression, in a time zone. Only the chosen kind's
 * fields show; the others keep their values in case the person switches back.
 */
export function WatchScheduleFields({ form }: { form: WatchDetailsForm }) {
  const id = useId();
  const ids = {
    hour: `${id}-hour`,
    weekday: `${id}-weekday`,
    cron: `${id}-cron`,
    timeZone: `${id}-time-zone`,
    zones: `${id}-zones`,
  };
  // Computed once: the list is long and never changes while the page is open.
  const [timeZones] = useState(knownTimeZones);
  const kind = useWatch({ control: form.control, name: "schedule.kind" });
  const errors = scheduleErrorsOf(form.formState.errors);
  const errorId = (field: string) => `${id}-${field}-error`;
  const hourError = errors?.hour?.message;
  const weekdayError = errors?.weekday?.message;
  const cronError = errors?.expression?.message;
  const timeZoneError = errors?.timeZone?.message;
  // A message for the schedule as a whole: the server's, which names no part of it.
  const scheduleError = errors?.message;
  return (
    <fieldset
      className="field watch-schedule"
      aria-describedby={scheduleError ? errorId("schedule") : undefined}
      data-testid="watch-schedule-fields"
    >
      <legend className="field-label">Schedule</legend>
      <div className="radio-grid" role="radiogroup" aria-label="How often">
        {(Object.keys(kindLabels) as WatchSchedule["kind"][]).map((option) => (
          <label key={option} className={`radio-card${kind === option ? " is-checked" : ""}`}>
            <input
              type="radio"
              value={option}
              defaultChecked={form.formState.defaultValues?.schedule?.kind === option}
              {...form.register("schedule.kind")}
              data-testid={`watch-schedule-${option}`}
            />
            <span className="radio-title">{kindLabels[option].title}</span>
            <span className="radio-detail">{kindLabels[option].detail}</span>
          </label>
        ))}
      </div>
      {scheduleError ? (
        <p id={errorId("schedule")} className="field-error" role="alert" data-testid="watch-schedule-error">
          {scheduleError}
        </p>
      ) : null}
      <div className="field-row">
        {kind === "weekly" ? (
          <div className="field">
            <label htmlFor={ids.weekday} className="field-label">
              Day
            </label>
            <select
              id={ids.weekday}
              className={`input${weekdayError ? " has-error" : ""}`}
              {...form.register("schedule.weekday")}
              aria-invalid={weekdayError ? true : undefined}
              aria-describedby={weekdayError ? errorId("weekday") : undefined}
              data-testid="watch-weekday"
            >
              {weekdays.map((weekday) => (
                <option key={weekday} value={weekday}>
                  {weekdayName(weekday)}
                </option>
              ))}
            </select>
            {weekdayError ? (
              <p id={errorId("weekday")} className="field-error" role="alert">
                {weekdayError}
              </p>
            ) : null}
          </div>
        ) : null}
        {kind === "daily" || kind === "weekly" ? (
          <div className="field">
            <label htmlFor={ids.hour} className="field-label">
              Hour
            </label>
            <select
              id={ids.hour}
              className={`input${hourError ? " has-error" : ""}`}
              {...form.register("schedule.hour", { valueAsNumber: true })}
              aria-invalid={hourError ? true : undefined}
              aria-describedby={hourError ? errorId("hour") : undefined}
              data-testid="watch-hour"
            >
              {hours.map((hour) => (
                <option key={hour} value={hour}>
                  {formatHour(hour)}
                </option>
              ))}
            </select>
            {hourError ? (
              <p id={errorId("hour")} className="field-error" role="alert">
                {hourError}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {kind === "cron" ? (
        <div className="field">
          <label htmlFor={ids.cron} className="field-label">
            Cron expression
          </label>
          <p id={`${ids.cron}-hint`} className="field-hint">
            Minute, hour, day of the month, month and day of the week: <code>0 9 * * 1-5</code> runs at 09:00
            on weekdays. A watch runs at most once an hour.
          </p>
          <input
            id={ids.cron}
            className={`input watch-cron${cronError ? " has-error" : ""}`}
            maxLength={CRON_MAX_CHARS}
            autoComplete="off"
            spellCheck={false}
            {...form.register("schedule.expression")}
            aria-invalid={cronError ? true : undefined}
            aria-describedby={cronError ? `${ids.cron}-hint ${errorId("cron")}` : `${ids.cron}-hint`}
            data-testid="watch-cron"
          />
          {cronError ? (
            <p id={errorId("cron")} className="field-error" role="alert" data-testid="watch-cron-error">
              {cronError}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={ids.timeZone} className="field-label">
          Time zone
        </label>
        <p id={`${ids.timeZone}-hint`} className="field-hint">
          The hours above are in this zone, an IANA name such as Europe/Berlin or America/New_York.
        </p>
        <input
          id={ids.timeZone}
          className={`input${timeZoneError ? " has-error" : ""}`}
          list={ids.zones}
          autoComplete="off"
          spellCheck={false}
          {...form.register("schedule.timeZone")}
          aria-invalid={timeZoneError ? true : undefined}
          aria-describedby={
            timeZoneError ? `${ids.timeZone}-hint ${errorId("time-zone")}` : `${ids.timeZone}-hint`
          }
          data-testid="watch-time-zone"
        />
        <datalist id={ids.zones}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {timeZoneError ? (
          <p
            id={errorId("time-zone")}
            className="field-error"
            role="alert"
            data-testid="watch-time-zone-error"
          >
            {timeZoneError}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
