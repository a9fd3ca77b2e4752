/** Response bodies shared by several specs. */
export interface MembershipBody {
  groupId: string;
  userId: string;
  displayName: string;
  role: string;
  status: string;
  since: string;
}
