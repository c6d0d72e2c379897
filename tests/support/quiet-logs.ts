// Services started inside a test process log nothing unless LOG_LEVEL says otherwise;
// services started as child processes get their own LOG_LEVEL from the test.
process.env.LOG_LEVEL ??= 'silent';
