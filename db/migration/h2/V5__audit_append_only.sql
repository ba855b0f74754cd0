-- H2 has no SQL triggers; the append-only guard exists on PostgreSQL only (see postgresql/V5).
select 1;
