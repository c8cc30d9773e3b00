package pg_test
