import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../../web/kit/form-errors.ts';
import { useShowOnce } from '../../../../web/kit/show-once.tsx';
import { type Role, roles } from '../../../core/context.ts';
import type { Department } from '../../org/contract.ts';
import type { User } from '../contract.ts';
import { createUser, updateUser, usersKey } from './users-api.ts';

type Values = {
  username: string;
  displayName: string;
  departmentId?: number | null;
  roles: Role[];
  idNumber?: string | null;
  password?: string;
};

/**
 * Creates a user, or edits one when `user` is given. A password the server generates is shown once; inactive
 * departments are offered only to a user already in one.
 */
export function UserFormModal({
  user,
  departments,
  onClose,
}: {
  user?: User;
  departments: Department[];
  onClose: () => void;
}) {
  const { t } = useTranslation('accounts');
  const { message } = App.useApp();
  const showOnce = useShowOnce();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  // Only a citizen's account carries an ID number: it is what links the person to their e-licenses.
  const isCitizen = (Form.useWatch('roles', form) ?? []).includes('citizen');

  const save = async (values: Values) => {
    const common = {
      displayName: values.displayName.trim(),
      departmentId: values.departmentId ?? null,
      roles: values.roles,
      // Left empty, a citizen's ID number stays as it is (the form only ever shows it masked).
      idNumber: values.roles.includes('citizen') ? values.idNumber?.trim() || undefined : null,
    };
    setSaving(true);
    try {
      if (user) {
        const saved = await updateUser(user.id, common);
        message.success(t('done.updated', { name: saved.displayName }));
      } else {
        const { user: created, password } = await createUser({
          ...common,
          username: values.username.trim(),
          ...(values.password && { password: values.password }),
        });
        message.success(t('done.created', { name: created.displayName }));
        if (password)
          showOnce(t('once.createdTitle'), t('once.passwordLabel', { username: created.username }), password);
      }
      await queryClient.invalidateQueries({ queryKey: usersKey });
      onClose();
    } catch (error) {
      showFormError(form, error, message.error, { duplicate_username: 'username', last_admin: 'roles' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      okText={t('common:common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={saving}
        data-testid="user-form"
        initialValues={user ? { ...user, idNumber: undefined } : { roles: ['department_user'] }}
      >
        <Form.Item
          name="username"
          label={t('fields.username')}
          extra={user ? undefined : t('hints.username')}
          rules={[
            { required: true, message: t('rules.usernameRequired') },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('rules.usernameFormat') },
          ]}
        >
          <Input disabled={!!user} maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('fields.displayName')}
          rules={[{ required: true, whitespace: true, message: t('rules.displayNameRequired') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('fields.department')}>
          <Select
            allowClear
            placeholder={t('users.noDepartment')}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments
              .filter((d) => d.active || d.id === user?.departmentId)
              .map((d) => ({
                value: d.id,
                label: d.active ? d.name : t('users.inactiveDepartment', { name: d.name }),
              }))}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('fields.roles')}
          rules={[{ required: true, message: t('rules.rolesRequired') }]}
        >
          <Select mode="multiple" options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
        </Form.Item>
        {isCitizen && (
          <Form.Item name="idNumber" label={t('fields.idNumber')} extra={t('hints.idNumber')}>
            <Input maxLength={18} autoComplete="off" placeholder={user?.idNumber ?? undefined} />
          </Form.Item>
        )}
        {!user && (
          <Form.Item
            name="password"
            label={t('fields.password')}
            extra={t('hints.password')}
            rules={[{ min: 8, message: t('rules.passwordLength') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
