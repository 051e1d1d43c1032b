import fc from 'fast-check';

// Property tests run the same cases every time, so a red test is reproducible and CI never
// fails by chance. Set FC_SEED to explore other cases locally; a failure prints its seed.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) });
