-- Defence in depth: the audit entries and checkpoints are append-only, whatever the application does.
create function audit_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % on % is not allowed', tg_op, tg_table_name;
end;
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_reject_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_reject_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_reject_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_reject_change();
