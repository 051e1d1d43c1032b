import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { ErrorSummary, type FieldError, TextInput } from '../components/forms.tsx';
import { useSignIn } from '../endpoints.ts';
import { email as checkEmail, required } from '../validation.ts';

export function SignIn() {
  const [values, setValues] = useState({ email: '', password: '' });
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState({ email: false, password: false });
  const signIn = useSignIn();

  const errors = { email: checkEmail(values.email), password: required(values.password, 'your password') };
  const show = (f: keyof typeof errors) => (submitted || touched[f] ? errors[f] : undefined);

  const summary: FieldError[] = submitted
    ? (['email', 'password'] as const).flatMap((f) => (errors[f] ? [{ field: f, message: errors[f] }] : []))
    : [];
  if (signIn.error) {
    const e = signIn.error;
    summary.push({
      field: 'email',
      message:
        e instanceof ApiError && e.status === 401
          ? 'The email address or password is not right. Check them and try again.'
          : e.message,
    });
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.email || errors.password) return;
    signIn.mutate({ email: values.email.trim(), password: values.password });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <h1>Sign in to Concordat</h1>
        <p>Use the account your organisation's Concordat administrator gave you.</p>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            value={values.email}
            error={show('email')}
            onChange={(email) => setValues({ ...values, email })}
            onBlur={() => setTouched({ ...touched, email: true })}
          />
          <TextInput
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            width={20}
            value={values.password}
            error={show('password')}
            onChange={(password) => setValues({ ...values, password })}
            onBlur={() => setTouched({ ...touched, password: true })}
          />
          <button className="nhsuk-button" type="submit" disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
      </div>
    </div>
  );
}
