package dev.denokv.repository.auditing;

import dev.denokv.repository.event.BeforeSaveCallback;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;
import org.springframework.data.auditing.IsNewAwareAuditingHandler;

/** Marks every entity a repository saves as created or modified. Runs first among save callbacks. */
public class AuditingBeforeSaveCallback implements BeforeSaveCallback<Object>, Ordered {

  private final ObjectFactory<IsNewAwareAuditingHandler> handler;

  /** A callback applying the auditing handler {@code handler} provides. */
  public AuditingBeforeSaveCallback(ObjectFactory<IsNewAwareAuditingHandler> handler) {
    this.handler = handler;
  }

  @Override
  public Object onBeforeSave(Object entity) {
    return handler.getObject().markAudited(entity);
  }

  @Override
  public int getOrder() {
    return 100;
  }
}
