"use client";

import { Controller, type Control, type FieldPathByValue, type FieldValues } from "react-hook-form";
import { firstErrorMessage } from "@/lib/field-errors";
import { TagInput, type TagInputProps } from "./tag-input";

type TagFieldProps<TForm extends FieldValues, TTransformed> = Omit<
  TagInputProps,
  "values" | "onChange" | "onBlur" | "ref" | "error"
> & {
  control: Control<TForm, unknown, TTransformed>;
  name: FieldPathByValue<TForm, string[] | undefined>;
};

/** A TagInput bound to a react-hook-form list field: its value, its first error, and its focus target. */
export function TagField<TForm extends FieldValues, TTransformed>({
  control,
  name,
  ...input
}: TagFieldProps<TForm, TTransformed>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TagInput
          {...input}
          values={(field.value as string[] | undefined) ?? []}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
          error={firstErrorMessage(fieldState.error)}
        />
      )}
    />
  );
}
