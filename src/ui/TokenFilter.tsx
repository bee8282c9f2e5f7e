import { useTranslation } from 'react-i18next';
import { sessionStore, useSession } from '../store';

/** Token families the view can hide, each the Kafka API names (requests and responses) it covers. */
export const TOKEN_FAMILIES = [
  { id: 'produce', kinds: ['Produce', 'ProduceResponse'] },
  { id: 'fetch', kinds: ['Fetch', 'FetchResponse'] },
  { id: 'heartbeat', kinds: ['BrokerHeartbeat', 'BrokerHeartbeatResponse', 'Heartbeat', 'HeartbeatResponse'] },
  { id: 'join', kinds: ['JoinGroup', 'JoinGroupResponse', 'SyncGroup', 'SyncGroupResponse', 'LeaveGroup', 'LeaveGroupResponse', 'FindCoordinator', 'FindCoordinatorResponse'] },
  { id: 'commit', kinds: ['OffsetCommit', 'OffsetCommitResponse', 'OffsetFetch', 'OffsetFetchResponse'] },
  { id: 'other', kinds: ['Metadata', 'MetadataResponse', 'UpdateMetadata', 'AlterPartition', 'AlterPartitionResponse', 'BrokerRegistration', 'InitProducerId', 'InitProducerIdResponse', 'ListOffsets', 'ListOffsetsResponse', 'OffsetForLeaderEpoch', 'OffsetForLeaderEpochResponse'] },
] as const;

/** Checkboxes that show or hide each family of message tokens in the cluster view. */
export function TokenFilter() {
  const { t } = useTranslation();
  const hidden = useSession((s) => s.hiddenTokenKinds);
  return (
    <fieldset className="token-filter">
      <legend>{t('tokens.legend')}</legend>
      {TOKEN_FAMILIES.map((f) => (
        <label key={f.id} className="check">
          <input
            type="checkbox"
            checked={!hidden.has(f.kinds[0])}
            onChange={(e) => sessionStore.getState().setTokenKindsHidden(f.kinds, !e.target.checked)}
          />
          {t(`tokens.${f.id}`)}
        </label>
      ))}
    </fieldset>
  );
}
