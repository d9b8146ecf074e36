/** The root volume of a NAT instance (GiB): Amazon Linux 2023's image size, on gp3. */
export const NAT_INSTANCE_ROOT_VOLUME_GIB = 8;
