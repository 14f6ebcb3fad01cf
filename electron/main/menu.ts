/** A small menu: editing and zoom (keyboard shortcuts need it on macOS), reload/devtools in development. */
import { Menu, type MenuItemConstructorOptions } from 'electron'

export function menuTemplate(dev: boolean, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小 Actual size' },
    { role: 'zoomIn', label: '放大 Zoom in' },
    { role: 'zoomOut', label: '缩小 Zoom out' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏 Full screen' }
  ]
  if (dev) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' })
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '文件 File', submenu: [{ role: platform === 'darwin' ? 'close' : 'quit', label: '退出 Quit' }] },
    {
      label: '编辑 Edit',
      submenu: [
        { role: 'undo', label: '撤销 Undo' },
        { role: 'redo', label: '重做 Redo' },
        { type: 'separator' },
        { role: 'cut', label: '剪切 Cut' },
        { role: 'copy', label: '复制 Copy' },
        { role: 'paste', label: '粘贴 Paste' },
        { role: 'selectAll', label: '全选 Select all' }
      ]
    },
    { label: '视图 View', submenu: view }
  ]
}

export function installMenu(dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(dev)))
}
